package io.github.sparkprop;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bad usage or bad input that the user can fix: a missing file, an invalid row, a wrong setting. Its message
 * may name settings as {@code {key}} placeholders (for example {@code {learningRate}}), which each face
 * renders in its own words ({@code --learning-rate} on the command line, {@code stepSize} in the Spark ML
 * API); {@link #getMessage()} shows the keys themselves. The command line reports it as one line and exits
 * with code 2.
 */
public class InputException extends RuntimeException {

    private static final Pattern SETTING = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    /**
     * An error with the given message.
     *
     * @param message one line for the user, with settings as {@code {key}} placeholders
     */
    public InputException(String message) {
        super(message);
    }

    /**
     * An error with the given message, caused by another exception.
     *
     * @param message one line for the user, with settings as {@code {key}} placeholders
     * @param cause   the exception that revealed the problem (shown in the stack trace with --verbose)
     */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message with every {@code {key}} placeholder replaced by the key. */
    @Override
    public String getMessage() {
        return render(UnaryOperator.identity());
    }

    /**
     * The message in a face's words.
     *
     * @param names the face's name of a setting key (the key itself where the face has no better one)
     * @return the message with every {@code {key}} placeholder replaced by names.apply(key), or null when the
     *         exception has no message
     */
    public String render(UnaryOperator<String> names) {
        String template = super.getMessage();
        if (template == null) {
            return null;
        }
        Matcher matcher = SETTING.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(names.apply(matcher.group(1))));
        }
        return matcher.appendTail(rendered).toString();
    }
}
