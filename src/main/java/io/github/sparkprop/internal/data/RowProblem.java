package io.github.sparkprop.internal.data;

import java.io.Serializable;

/**
 * Why one input row cannot be used.
 *
 * @param column the column at fault, or null when the whole row is (wrong number of fields)
 * @param value  the offending value as read (its first {@link #SHOWN} characters and its length, when longer than
 *               {@link #LONGEST}), or null when it is missing
 * @param reason what is wrong and what is allowed, e.g. "is not a number"
 */
record RowProblem(String column, String value, String reason) implements Serializable {

    /** The characters of a long value a message quotes: a 20 MB field is one line of a few hundred characters. */
    static final int SHOWN = 100;
    /**
     * The longest value quoted whole; longer than a value cut to {@link #SHOWN} characters and its length, so
     * that a cut value (a deserialized record passes this constructor again) stays as it is.
     */
    static final int LONGEST = 200;

    RowProblem {
        if (value != null && value.length() > LONGEST) {
            value = value.substring(0, SHOWN) + "... (" + value.length() + " characters)";
        }
    }

    /** "column 'p3': value 'abc' is not a number", or the reason alone for a whole-row problem. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (column != null) {
            s.append("column '").append(column).append("': ");
        }
        if (value != null) {
            s.append("value '").append(value).append("' ");
        }
        return s.append(reason).toString();
    }
}
