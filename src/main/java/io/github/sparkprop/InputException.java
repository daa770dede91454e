package io.github.sparkprop;

/**
 * Bad usage or bad input that the user can fix: a missing file, an invalid row, a wrong option value.
 * The command line reports its message as one line and exits with code 2.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
