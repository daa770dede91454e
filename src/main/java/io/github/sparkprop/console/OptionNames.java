package io.github.sparkprop.console;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's words for the core's settings: the option named after a setting key in kebab case
 * ({@code learningRate} is {@code --learning-rate}).
 */
public final class OptionNames {

    private OptionNames() {
    }

    /** {@code --} and the key in kebab case. */
    public static String of(String key) {
        return "--" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The command's option for a setting key, or the key itself when the command has no such option. */
    public static String in(CommandSpec command, String key) {
        String option = of(key);
        return command.findOption(option) != null ? option : key;
    }
}
