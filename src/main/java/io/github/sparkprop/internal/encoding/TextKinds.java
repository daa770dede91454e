package io.github.sparkprop.internal.encoding;

import io.github.sparkprop.internal.Numbers;

/**
 * What a column of text holds, told from a sample of its values: booleans, dates, timestamps, numbers, or
 * other text (categories or free text, which the distinct values decide). Missing (blank) values say nothing.
 */
public final class TextKinds {

    /**
     * The share of a sample's values that must be numbers for a column of text to be numeric; the others are
     * then bad values of a numeric column, reported as such (a typo does not turn a column of numbers into
     * categories; {@code --categorical} does, for codes).
     */
    public static final double NUMERIC_SHARE = 0.5;

    private int values;
    private int numbers;
    private int booleans;
    private int dates;
    private int timestamps;

    /** Counts one value of the sample (missing, as {@link Numbers#isMissing} tells: not counted). */
    public void add(String value) {
        if (Numbers.isMissing(value)) {
            return;
        }
        values++;
        if (!Double.isNaN(Numbers.finiteOrNaN(value)) || Numbers.isNonFinite(value)
                || Numbers.isDecimalOverflow(value)) {
            numbers++;
        } else if (ValueEncoder.parseBoolean(value) != null) {
            booleans++;
        } else if (DateParts.isDate(value)) {
            dates++;
        } else if (DateParts.isTimestamp(value)) {
            timestamps++;
        }
    }

    /** The values counted (missing ones aside). */
    public int values() {
        return values;
    }

    /**
     * The kind the sample shows: BOOLEAN, DATE or TIMESTAMP when every value is one (dates and timestamps
     * mixed: TIMESTAMP), NUMERIC when at least {@link #NUMERIC_SHARE} of the values are numbers, else null (text).
     */
    public ColumnKind kind() {
        if (values == 0) {
            return null;
        }
        if (booleans == values) {
            return ColumnKind.BOOLEAN;
        }
        if (dates == values) {
            return ColumnKind.DATE;
        }
        if (dates + timestamps == values) {
            return ColumnKind.TIMESTAMP;
        }
        return numbers >= NUMERIC_SHARE * values ? ColumnKind.NUMERIC : null;
    }
}
