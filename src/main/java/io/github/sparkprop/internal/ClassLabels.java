package io.github.sparkprop.internal;

import java.math.BigDecimal;

/**
 * The one canonical text of a class label, shared by the data a classifier learns from and the model that keeps
 * its classes: "1", "1.0" and " 1" are one class whether they come from a data file or from model.json.
 */
public final class ClassLabels {

    /** The most decimal places a label's plain notation may have. */
    private static final int MAX_PLACES = 400;

    private ClassLabels() {
    }

    /**
     * A label as read, in canonical form: a number as its exact decimal value in plain notation, without
     * trailing zeros (1.0 -&gt; "1", 2.50 -&gt; "2.5", 1e3 -&gt; "1000"), so that distinct values stay distinct
     * however many digits they have (9007199254740993 is not 9007199254740992, although both are the same
     * double); anything else trimmed.
     */
    public static String key(String raw) {
        String trimmed = raw.trim();
        if (!isNumber(trimmed)) {
            return trimmed;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed).stripTrailingZeros();
        } catch (NumberFormatException | ArithmeticException e) {
            value = null; // an exponent beyond BigDecimal's scale (1e-2147483648): the double's form below
        }
        if (value != null && value.signum() == 0) {
            return "0";
        }
        // a double's range needs at most ~330 places; beyond, only an underflow to 0 or a denormal is possible,
        // whose plain notation could be huge: the double's own shortest form then
        return value != null && Math.abs((long) value.scale()) <= MAX_PLACES ? value.toPlainString()
                : Double.toString(Double.parseDouble(trimmed));
    }

    /** The numeric value of a canonical numeric label, exactly, for ordering labels by value. */
    public static BigDecimal value(String key) {
        return new BigDecimal(key);
    }

    /** Whether a canonical label is an integer that a long holds exactly. */
    public static boolean isLong(String key) {
        try {
            Long.parseLong(key);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a canonical label is a number that a double holds exactly (so writing it as one loses nothing). */
    public static boolean isExactDouble(String key) {
        return isNumber(key) && key(Double.toString(Double.parseDouble(key))).equals(key);
    }

    /** Whether a label is a finite decimal number. */
    public static boolean isNumber(String s) {
        return !Double.isNaN(Numbers.finiteOrNaN(s));
    }
}
