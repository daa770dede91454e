package io.github.sparkprop.internal.encoding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Dates and timestamps as numbers, and as they are written in text: a date {@code yyyy-MM-dd} (ISO 8601), a
 * timestamp {@code yyyy-MM-dd HH:mm[:ss[.fraction]]} with a space or a {@code T} before the time and an
 * optional offset ({@code Z}, {@code +02:00}); a timestamp without an offset is read as UTC.
 */
public final class DateParts {

    /** The inputs of a date: year, day of the year. */
    public static final int DATE_WIDTH = 2;
    /** The inputs of a timestamp: year, day of the year, hour of the day. */
    public static final int TIMESTAMP_WIDTH = 3;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}.*");
    private static final double NANOS_PER_HOUR = 3.6e12;

    private DateParts() {
    }

    /** Writes a date's year and day of the year (1..366) to x[offset], x[offset + 1]. */
    public static void date(LocalDate date, double[] x, int offset) {
        x[offset] = date.getYear();
        x[offset + 1] = date.getDayOfYear();
    }

    /**
     * Writes a timestamp's year, day of the year and hour of the day in UTC (hour + minutes / 60 + seconds /
     * 3600, fractions of a second included) to x[offset..offset+2].
     */
    public static void timestamp(Instant instant, double[] x, int offset) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        x[offset] = utc.getYear();
        x[offset + 1] = utc.getDayOfYear();
        x[offset + 2] = utc.toLocalTime().toNanoOfDay() / NANOS_PER_HOUR;
    }

    /** A date written {@code yyyy-MM-dd}, or null when the text is not one. */
    public static LocalDate parseDate(String text) {
        String s = text.trim();
        if (!DATE.matcher(s).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A timestamp as the class comment writes it (a date alone is its midnight, UTC), or null. */
    public static Instant parseTimestamp(String text) {
        LocalDate date = parseDate(text);
        if (date != null) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String s = text.trim();
        if (!TIMESTAMP.matcher(s).matches()) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(s.charAt(10) == ' '
                    ? s.substring(0, 10) + 'T' + s.substring(11) : s);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? Instant.from(parsed)
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether the text is a date ({@code yyyy-MM-dd}). */
    public static boolean isDate(String text) {
        return parseDate(text) != null;
    }

    /** Whether the text is a timestamp with a time of day (not a date alone). */
    public static boolean isTimestamp(String text) {
        return parseDate(text) == null && parseTimestamp(text) != null;
    }
}
