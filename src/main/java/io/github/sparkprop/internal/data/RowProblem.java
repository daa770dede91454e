package io.github.sparkprop.internal.data;

import java.io.Serializable;

/**
 * Why one input row cannot be used.
 *
 * @param column the column at fault, or null when the whole row is (wrong number of fields)
 * @param value  the offending value as read, or null when it is missing
 * @param reason what is wrong and what is allowed, e.g. "is not a number"
 */
record RowProblem(String column, String value, String reason) implements Serializable {

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
