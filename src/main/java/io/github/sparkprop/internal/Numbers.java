package io.github.sparkprop.internal;

/**
 * Numbers as they appear in data files, class labels and rows to score: plain decimal notation only
 * ({@code 12}, {@code -0.5}, {@code 1e-3}), not Java's extras ({@code 1f}, {@code 2d}, {@code 0x1p3}), which
 * would let a typo through.
 */
public final class Numbers {

    private Numbers() {
    }

    /** The value of a finite decimal number, else NaN (missing, not a decimal number, NaN or infinite). */
    public static double finiteOrNaN(String raw) {
        if (raw == null || !isDecimal(raw)) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(raw);
            return Double.isInfinite(value) ? Double.NaN : value;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Whether text stands for a missing value, as R, pandas and spreadsheets write one: blank, {@code NA},
     * {@code N/A}, {@code NaN} or {@code NULL}, whatever the case.
     */
    public static boolean isMissing(String raw) {
        if (raw == null) {
            return true;
        }
        String s = raw.trim();
        return s.isEmpty() || s.length() <= 4 && MISSING.contains(s.toLowerCase(java.util.Locale.ROOT));
    }

    private static final java.util.Set<String> MISSING = java.util.Set.of("na", "n/a", "nan", "null");

    /** Whether raw reads as NaN or an infinity (as Java or Spark write them), whatever the case. */
    public static boolean isNonFinite(String raw) {
        String s = raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("nan") || s.equals("inf") || s.equals("infinity");
    }

    /** Whether raw is a decimal number too large for a double (1e400). */
    public static boolean isDecimalOverflow(String raw) {
        try {
            return isDecimal(raw) && Double.isInfinite(Double.parseDouble(raw));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Only digits, sign, decimal point and exponent, around optional white space. */
    private static boolean isDecimal(String raw) {
        boolean digit = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return digit;
    }
}
