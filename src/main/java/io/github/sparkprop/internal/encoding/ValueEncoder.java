package io.github.sparkprop.internal.encoding;

import io.github.sparkprop.internal.ClassLabels;
import io.github.sparkprop.internal.Numbers;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the values of one {@link InputColumn} into its network inputs, the same way for every reader: a value
 * as Spark gives it to Java (text, a number, a boolean, a date or timestamp of java.time or java.sql), or
 * {@code null} (as are blank text, NA, NaN: {@link Numbers#isMissing}) for a missing one. A value that cannot be
 * used (not a number, missing where nothing fills it in, ...) writes nothing and is reported by the reason why.
 * A lenient encoder fills a missing value in (with the column's fill values or its missing category) and scores a
 * category not seen in training as none of the known ones (all inputs 0); a strict one reports both.
 */
public final class ValueEncoder implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The reason a missing value that nothing fills in gives. */
    public static final String MISSING = "is missing";
    /** The most categories a message lists. */
    private static final int LISTED = 10;

    private final InputColumn column;
    private final boolean lenient;
    private final double[] fills;
    private final Map<String, Integer> categoryIndex = new HashMap<>();

    /** @param lenient fill missing values in and score unseen categories as none, rather than report them */
    public ValueEncoder(InputColumn column, boolean lenient) {
        this.column = column;
        this.lenient = lenient;
        this.fills = column.fills() == null || !lenient ? null : column.fills().stream()
                .mapToDouble(Double::doubleValue).toArray();
        for (int k = 0; k < column.categories().size(); k++) {
            categoryIndex.put(column.categories().get(k), k);
        }
    }

    /** The encoders of every column of an encoding, in order. */
    public static ValueEncoder[] of(InputEncoding encoding, boolean lenient) {
        return encoding.columns().stream().map(column -> new ValueEncoder(column, lenient))
                .toArray(ValueEncoder[]::new);
    }

    /** Whether a value is missing: null, blank text, NA, NaN ({@link Numbers#isMissing}), or a NaN number. */
    public static boolean isMissing(Object value) {
        return value == null || value instanceof String text && Numbers.isMissing(text)
                || value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
    }

    /** Whether a value (not missing) of a categorical column is none of its categories. */
    public boolean isUnseen(Object value) {
        return column.kind() == ColumnKind.CATEGORICAL && !column.otherCategory() && !isMissing(value)
                && !categoryIndex.containsKey(categoryKey(value));
    }

    public InputColumn column() {
        return column;
    }

    /**
     * Writes the inputs of a value to x[offset .. offset + width).
     *
     * @return null when it was written, else why the value cannot be used ("is not a number")
     */
    public String encode(Object value, double[] x, int offset) {
        if (isMissing(value)) {
            return encodeMissing(x, offset);
        }
        return switch (column.kind()) {
            case NUMERIC -> number(value, x, offset);
            case BOOLEAN -> bool(value, x, offset);
            case DATE -> date(value, x, offset);
            case TIMESTAMP -> timestamp(value, x, offset);
            case CATEGORICAL -> category(value, x, offset);
        };
    }

    /** Writes the inputs of a missing value: its fill values or its category, else reports it. */
    public String encodeMissing(double[] x, int offset) {
        if (fills != null) {
            System.arraycopy(fills, 0, x, offset, fills.length);
            return null;
        }
        if (column.missingCategory() && lenient) {
            oneHot(column.missingIndex(), x, offset);
            return null;
        }
        return MISSING;
    }

    private String number(Object value, double[] x, int offset) {
        double v;
        if (value instanceof Number number) {
            v = number.doubleValue();
            if (!Double.isFinite(v)) {
                return (Double.isNaN(v) ? "is NaN" : "is infinite") + "; values must be finite numbers";
            }
        } else {
            v = Numbers.finiteOrNaN(value.toString());
            if (Double.isNaN(v)) {
                return numberProblem(value.toString());
            }
        }
        x[offset] = v;
        return null;
    }

    /** Why text that is not a finite number cannot be one: not a number, NaN, or infinite. */
    public static String numberProblem(String raw) {
        if (!Numbers.isNonFinite(raw)) {
            return Numbers.isDecimalOverflow(raw) ? "is infinite; values must be finite numbers" : "is not a number";
        }
        return (raw.toLowerCase(Locale.ROOT).contains("nan") ? "is NaN" : "is infinite")
                + "; values must be finite numbers";
    }

    private static String bool(Object value, double[] x, int offset) {
        Boolean b = value instanceof Boolean given ? given : parseBoolean(value.toString());
        if (b == null) {
            return "is not a boolean (true or false)";
        }
        x[offset] = b ? 1.0 : 0.0;
        return null;
    }

    /** true or false, whatever the case, else null. */
    public static Boolean parseBoolean(String text) {
        String s = text.trim();
        return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static String date(Object value, double[] x, int offset) {
        LocalDate date = value instanceof LocalDate given ? given
                : value instanceof java.sql.Date sql ? sql.toLocalDate()
                : value instanceof String text ? DateParts.parseDate(text) : null;
        if (date == null) {
            return "is not a date (yyyy-MM-dd)";
        }
        DateParts.date(date, x, offset);
        return null;
    }

    private static String timestamp(Object value, double[] x, int offset) {
        Instant instant = value instanceof Instant given ? given
                : value instanceof java.sql.Timestamp sql ? sql.toInstant()
                : value instanceof LocalDateTime local ? local.toInstant(ZoneOffset.UTC)
                : value instanceof LocalDate date ? date.atStartOfDay(ZoneOffset.UTC).toInstant()
                : value instanceof java.sql.Date sql ? sql.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant()
                : value instanceof String text ? DateParts.parseTimestamp(text) : null;
        if (instant == null) {
            return "is not a timestamp (yyyy-MM-dd HH:mm:ss)";
        }
        DateParts.timestamp(instant, x, offset);
        return null;
    }

    private String category(Object value, double[] x, int offset) {
        Integer index = categoryIndex.get(categoryKey(value));
        if (index == null && column.otherCategory()) {
            index = column.otherIndex();
        } else if (index == null && lenient) {
            Arrays.fill(x, offset, offset + column.width(), 0.0);
            return null;
        }
        if (index == null) {
            List<String> known = column.categories();
            return "is not a category seen in training (" + String.join(", ", known.subList(0, Math.min(LISTED,
                    known.size()))) + (known.size() > LISTED ? ", ... " + known.size() + " in all" : "") + ")";
        }
        oneHot(index, x, offset);
        return null;
    }

    private void oneHot(int index, double[] x, int offset) {
        Arrays.fill(x, offset, offset + column.width(), 0.0);
        x[offset + index] = 1.0;
    }

    /**
     * The category a value stands for: its text, trimmed, with a number in its canonical form ({@link
     * ClassLabels#key}: 1, 1.0 and 1.00 are one category, whether read from text or a typed column).
     */
    public static String categoryKey(Object value) {
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString()
                : value instanceof Double || value instanceof Float ? Double.toString(((Number) value).doubleValue())
                : value instanceof java.sql.Date sql ? sql.toLocalDate().toString()
                : value.toString();
        return ClassLabels.key(text);
    }
}
