package io.github.sparkprop;

/**
 * A setting with a value it cannot take, or that conflicts with another: carries the setting's key and the
 * value, so that a face can name the setting its own way. The message names settings as {@code {key}}
 * placeholders; that of {@link #SettingException(String, Object, String)} starts with its own.
 */
public class SettingException extends InputException {

    /** The key of the setting, e.g. {@code learningRate}. */
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

    /**
     * A setting whose presence conflicts with something else (no single wrong value to show).
     *
     * @param setting the key of the setting, e.g. {@code earlyStopping}
     * @param message the whole message, naming this and other settings as {@code {key}}, e.g.
     *                "{earlyStopping} needs validation data"
     */
    public SettingException(String setting, String message) {
        super(message);
        this.setting = setting;
        this.value = null;
    }

    /**
     * The key of the setting.
     *
     * @return the key the exception was made with, e.g. {@code learningRate}
     */
    public String setting() {
        return setting;
    }

    /**
     * The value it was given, or null.
     *
     * @return the rejected value, or null for a conflict or after deserialization (the value is not serialized)
     */
    public Object value() {
        return value;
    }
}
