package io.github.sparkprop.encoding;

import io.github.sparkprop.ClassLabels;
import io.github.sparkprop.Numbers;
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
 * {@code null} (as is blank text) for a missing one. A value that cannot be used (not a number, not a known
 * category, missing where nothing fills it in, ...) writes nothing and is reported by the reason why.
 */
public final class ValueEncoder implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The most categories a message lists. */
    private static final int LISTED = 10;

    private final InputColumn column;
    private final double[] fills;
    private final Map<String, Integer> categoryIndex = new HashMap<>();

    public ValueEncoder(InputColumn column) {
        this.column = column;
        this.fills = column.fills() == null ? null : column.fills().stream().mapToDouble(Double::doubleValue)
                .toArray();
        for (int k = 0; k < column.categories().size(); k++) {
            categoryIndex.put(column.categories().get(k), k);
        }
    }

    /** The encoders of every column of an encoding, in order. */
    public static ValueEncoder[] of(InputEncoding encoding) {
        return encoding.columns().stream().map(ValueEncoder::new).toArray(ValueEncoder[]::new);
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
        if (value == null || value instanceof String text && text.isBlank()) {
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
        if (column.missingCategory()) {
            oneHot(column.categories().size(), x, offset);
            return null;
        }
        return "is missing";
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
