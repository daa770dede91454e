package io.github.sparkprop.internal.console;

import java.util.Locale;

/**
 * The command line's words for the core's settings: the option named after a setting key in kebab case
 * ({@code learningRate} is {@code --learning-rate}).
 */
public final class OptionNames {

    private OptionNames() {
    }

    /**
     * {@code --} and the key in kebab case; a setting the command at hand does not take is named as the option of
     * the command that does ({@code train}'s, for a message of {@code export} about how a model was trained).
     */
    public static String of(String key) {
        return "--" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

}
