package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.Numbers;
import io.github.sparkprop.internal.encoding.ColumnKind;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Reads one scalar column of Spark's internal rows: as a number ({@link #read}: text in plain decimal notation
 * (CSV), or any numeric Spark type (Parquet); a missing, non-numeric, NaN or infinite value reads as NaN), or
 * as the Java value Spark's own conversion would give ({@link #value}, booleans, dates and timestamps
 * included); {@link #text} shows what was there for the error message.
 */
final class FieldReader implements Serializable {

    private enum Kind { TEXT, DOUBLE, FLOAT, LONG, INT, SHORT, BYTE, DECIMAL, BOOLEAN, DATE, TIMESTAMP }

    private final Kind kind;
    private final int precision;
    private final int scale;

    private FieldReader(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    /** The reader of a column of this type, or null when the type holds no numbers (dates, arrays, ...). */
    static FieldReader of(DataType type) {
        if (type instanceof StringType) {
            return new FieldReader(Kind.TEXT, 0, 0);
        }
        if (type instanceof DecimalType decimal) {
            return new FieldReader(Kind.DECIMAL, decimal.precision(), decimal.scale());
        }
        Kind kind = type instanceof DoubleType ? Kind.DOUBLE
                : type instanceof FloatType ? Kind.FLOAT
                : type instanceof LongType ? Kind.LONG
                : type instanceof IntegerType ? Kind.INT
                : type instanceof ShortType ? Kind.SHORT
                : type instanceof ByteType ? Kind.BYTE : null;
        return kind == null ? null : new FieldReader(kind, 0, 0);
    }

    /**
     * The reader of a column of numbers, text, booleans, dates or timestamps (with or without a time zone), or
     * null for other types (arrays, maps, binary, ...).
     */
    static FieldReader ofValues(DataType type) {
        FieldReader numbers = of(type);
        if (numbers != null) {
            return numbers;
        }
        Kind kind = type instanceof BooleanType ? Kind.BOOLEAN
                : type instanceof DateType ? Kind.DATE
                : type instanceof TimestampType || type instanceof TimestampNTZType ? Kind.TIMESTAMP : null;
        return kind == null ? null : new FieldReader(kind, 0, 0);
    }

    /** The kind of a typed column (numbers, booleans, dates, timestamps), or null for text, whose values tell. */
    ColumnKind typedKind() {
        return switch (kind) {
            case TEXT -> null;
            case BOOLEAN -> ColumnKind.BOOLEAN;
            case DATE -> ColumnKind.DATE;
            case TIMESTAMP -> ColumnKind.TIMESTAMP;
            default -> ColumnKind.NUMERIC;
        };
    }

    /** Whether the column holds text. */
    boolean isText() {
        return kind == Kind.TEXT;
    }

    /**
     * Field i as a Java value: a String, Double, Long, Boolean, LocalDate or Instant (a timestamp without a time
     * zone as that time in UTC), or null when it is missing.
     */
    Object value(InternalRow row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        return switch (kind) {
            case TEXT -> row.getUTF8String(i).toString();
            case DOUBLE -> row.getDouble(i);
            case FLOAT -> (double) row.getFloat(i);
            case LONG -> row.getLong(i);
            case INT -> (long) row.getInt(i);
            case SHORT -> (long) row.getShort(i);
            case BYTE -> (long) row.getByte(i);
            case DECIMAL -> row.getDecimal(i, precision, scale).toJavaBigDecimal();
            case BOOLEAN -> row.getBoolean(i);
            case DATE -> java.time.LocalDate.ofEpochDay(row.getInt(i));
            case TIMESTAMP -> java.time.Instant.EPOCH.plus(row.getLong(i), java.time.temporal.ChronoUnit.MICROS);
        };
    }

    /** Whether the column is typed as a number (not text that may hold numbers). */
    boolean isNumeric() {
        return kind != Kind.TEXT && kind != Kind.BOOLEAN && kind != Kind.DATE && kind != Kind.TIMESTAMP;
    }

    /** The value of field i as a finite number, else NaN. */
    double read(InternalRow row, int i) {
        if (row.isNullAt(i)) {
            return Double.NaN;
        }
        double value = switch (kind) {
            case TEXT -> Numbers.finiteOrNaN(row.getUTF8String(i).toString());
            case DOUBLE -> row.getDouble(i);
            case FLOAT -> row.getFloat(i);
            case LONG -> row.getLong(i);
            case INT -> row.getInt(i);
            case SHORT -> row.getShort(i);
            case BYTE -> row.getByte(i);
            case DECIMAL -> row.getDecimal(i, precision, scale).toDouble();
            case BOOLEAN, DATE, TIMESTAMP -> Double.NaN;
        };
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    /** Field i as written (text) or as its value (numbers), or null when it is missing. */
    String text(InternalRow row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        return switch (kind) {
            case TEXT -> row.getUTF8String(i).toString();
            case BOOLEAN, DATE, TIMESTAMP -> value(row, i).toString();
            default -> numberText(row, i);
        };
    }

    private String numberText(InternalRow row, int i) {
        double value = switch (kind) {
            case DOUBLE -> row.getDouble(i);
            case FLOAT -> row.getFloat(i);
            case DECIMAL -> row.getDecimal(i, precision, scale).toDouble();
            default -> Double.NaN;
        };
        if (kind == Kind.LONG || kind == Kind.INT || kind == Kind.SHORT || kind == Kind.BYTE) {
            return Long.toString((long) read(row, i));
        }
        return Double.toString(value);
    }
}
