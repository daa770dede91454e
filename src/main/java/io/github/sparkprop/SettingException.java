package io.github.sparkprop;

/**
 * A setting with a value it cannot take, or that conflicts with another: carries the setting's key and the
 * value, so that a face can name the setting its own way. The message starts with the setting as a
 * {@code {key}} placeholder.
 */
public class SettingException extends InputException {

    private final String setting;
    private final transient Object value;

    /**
     * @param setting the key of the setting, e.g. {@code learningRate}
     * @param value   the value it was given
     * @param problem what is wrong and what is allowed, e.g. "must be > 0"; may name other settings as
     *                {@code {key}}
     */
    public SettingException(String setting, Object value, String problem) {
        super("{" + setting + "} " + problem + ", got " + value);
        this.setting = setting;
        this.value = value;
    }

    /** A setting whose presence conflicts with something else (no single wrong value to show). */
    public SettingException(String setting, String message) {
        super(message);
        this.setting = setting;
        this.value = null;
    }

    /** The key of the setting. */
    public String setting() {
        return setting;
    }

    /** The value it was given, or null. */
    public Object value() {
        return value;
    }
}
