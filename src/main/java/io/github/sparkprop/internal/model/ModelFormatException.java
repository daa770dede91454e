package io.github.sparkprop.internal.model;

import io.github.sparkprop.InputException;

/**
 * A model directory that is missing, incomplete or not in a format this version reads. The message is one
 * line: what a damaged file holds (names, a parser's report) may contain line breaks, which become spaces.
 */
public final class ModelFormatException extends InputException {

    public ModelFormatException(String message) {
        super(oneLine(message));
    }

    public ModelFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
