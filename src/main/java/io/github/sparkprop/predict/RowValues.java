package io.github.sparkprop.predict;

import io.github.sparkprop.Numbers;
import org.apache.spark.sql.Row;

/** A feature value of a {@code Row}: text in plain decimal notation (CSV) or any Spark number. */
final class RowValues {

    private RowValues() {
    }

    /** Field i as a finite number, or NaN when it is missing, not a number or not finite. */
    static double number(Row row, int i) {
        if (row.isNullAt(i)) {
            return Double.NaN;
        }
        Object value = row.get(i);
        if (value instanceof Number number) {
            double v = number.doubleValue();
            return Double.isFinite(v) ? v : Double.NaN;
        }
        return Numbers.finiteOrNaN(value.toString());
    }
}
