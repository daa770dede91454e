package io.github.sparkprop.internal.encoding;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an input column holds, and so how it becomes network inputs: a number is one input; a boolean one input,
 * 1 for true and 0 for false; a date two, its year and its day of the year (1..366); a timestamp three, its year,
 * day of the year and hour of the day (0 &lt;= h &lt; 24, with the minutes and seconds as its fraction), all in
 * UTC; a categorical column one input per category (one-hot), plus one for a missing value when gaps are imputed.
 */
public enum ColumnKind {
    NUMERIC("numeric"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    CATEGORICAL("categorical");

    private final String id;

    ColumnKind(String id) {
        this.id = id;
    }

    /** The name in model.json and in messages. */
    public String id() {
        return id;
    }

    /** The kind of a name, as {@link #id()} gives it. */
    public static ColumnKind fromId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown column kind '" + id + "'; one of "
                        + Arrays.stream(values()).map(ColumnKind::id).toList()));
    }
}
