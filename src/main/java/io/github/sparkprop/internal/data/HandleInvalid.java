package io.github.sparkprop.internal.data;

import io.github.sparkprop.SettingException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What reading does with values that are not what their column holds. Gaps (an empty field, NA, NaN) and
 * categories not seen in training are ordinary in real tables: they are filled in and scored as none of the
 * known categories, and counted, unless the strict reading is asked for. Other invalid values (text in a
 * numeric column, an infinite value, a missing label, a row of the wrong width) stop the run or are skipped.
 */
public enum HandleInvalid {
    /** The strict reading: a gap or a category not seen in training is invalid too, and the first stops the run. */
    ERROR,
    /** Gaps filled and unseen categories scored as none of the known ones (both counted); stop at anything else. */
    KEEP,
    /** As {@link #KEEP}, and a row with any other invalid value is dropped and counted. */
    SKIP;

    /** The name of the default, for option declarations. */
    public static final String DEFAULT_ID = "keep";
    /** The reading when none is asked for. */
    public static final HandleInvalid DEFAULT = fromId(DEFAULT_ID);

    /** error, keep or skip. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether gaps are filled in and unseen categories scored as none of the known ones. */
    public boolean lenient() {
        return this != ERROR;
    }

    /** Whether rows with other invalid values are dropped and counted rather than fatal. */
    public boolean skipsRows() {
        return this == SKIP;
    }

    /** The reading of a name, as {@link #id()} gives it. */
    public static HandleInvalid fromId(String id) {
        return Arrays.stream(values()).filter(mode -> mode.id().equals(id)).findFirst().orElseThrow(() ->
                new SettingException("handleInvalid", id, "must be error, keep or skip"));
    }
}
