package io.github.sparkprop.testing;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.console.OptionNames;

/** A core error as the command line shows it: its settings named as options ({@code --handle-invalid}). */
public final class CommandLineWords {

    private CommandLineWords() {
    }

    public static String of(InputException e) {
        return e.render(OptionNames::of);
    }
}
