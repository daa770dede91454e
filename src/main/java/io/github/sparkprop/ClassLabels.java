package io.github.sparkprop;

/**
 * The one canonical text of a class label, shared by the data a classifier learns from and the model that keeps
 * its classes: "1", "1.0" and " 1" are one class whether they come from a data file or from model.json.
 */
public final class ClassLabels {

    private ClassLabels() {
    }

    /**
     * A label as read, in canonical form: a number in its shortest form (1.0 -&gt; "1", 2.50 -&gt; "2.5"),
     * anything else trimmed.
     */
    public static String key(String raw) {
        String trimmed = raw.trim();
        if (!isNumber(trimmed)) {
            return trimmed;
        }
        double value = Double.parseDouble(trimmed);
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Whether a label is a finite decimal number. */
    public static boolean isNumber(String s) {
        return !Double.isNaN(Numbers.finiteOrNaN(s));
    }
}
