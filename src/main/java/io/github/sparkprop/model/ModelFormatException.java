package io.github.sparkprop.model;

import io.github.sparkprop.InputException;

/** A model directory that is missing, incomplete or not in a format this version reads. */
public final class ModelFormatException extends InputException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
