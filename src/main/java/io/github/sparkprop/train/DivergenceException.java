package io.github.sparkprop.train;

import io.github.sparkprop.InputException;

/** The loss or gradient became NaN or infinite: the settings (usually the learning rate) must change. */
public final class DivergenceException extends InputException {

    public DivergenceException(String message) {
        super(message);
    }
}
