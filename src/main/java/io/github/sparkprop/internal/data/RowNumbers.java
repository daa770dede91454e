package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.data.source.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Tells whether a table's first column numbers its rows, as tables exported from R ({@code rownames}) or pandas
 * (an unnamed first column) do: a row number is no feature. It is one when its header says so (an empty header,
 * which Spark's CSV reader names {@code _c0}, or {@code rownames}, {@code row.names}, {@code Unnamed: 0},
 * {@code __index_level_0__}) or when its values are the integers 0, 1, 2, ... or 1, 2, 3, ... in file order in a
 * table of at least {@link #MIN_ROWS} rows (in a smaller one, a first column that counts is as likely a toy table's
 * feature).
 */
final class RowNumbers {

    /** The fewest rows for which values alone tell row numbers. */
    static final long MIN_ROWS = 100;

    private static final Set<String> NAMES = Set.of("rownames", "row.names", "unnamed: 0", "__index_level_0__");

    private RowNumbers() {
    }

    /**
     * Why the table's first column is its row numbers, or null when it is not (or is not a number column).
     *
     * @param reader how the column's values are read
     */
    static String reason(SparkSession spark, Table table, FieldReader reader) {
        String column = table.columns().get(0);
        boolean emptyHeader = table.format() == InputFormat.CSV && table.options().header() && column.equals("_c0");
        if (emptyHeader || NAMES.contains(column.toLowerCase(Locale.ROOT))) {
            return "row numbers (" + (emptyHeader ? "an empty header" : "the header '" + column + "'") + ")";
        }
        if (!reader.isNumeric() && !reader.isText()) {
            return null;
        }
        spark.sparkContext().setJobDescription("looking for row numbers in " + table.description());
        List<Run> runs;
        try {
            runs = new ArrayList<>(table.rows(List.of(column)).mapPartitionsWithIndex((partition, rows) ->
                    Collections.singletonList(Run.of(partition, rows, reader)).iterator(), false).collect());
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        runs.sort(Comparator.comparingInt(run -> run.partition));
        double next = Double.NaN;
        for (Run run : runs) {
            if (!run.consecutive) {
                return null;
            }
            if (run.count == 0) {
                continue;
            }
            if (Double.isNaN(next) ? run.first != 0 && run.first != 1 : run.first != next) {
                return null;
            }
            next = run.last + 1;
        }
        long rows = runs.stream().mapToLong(Run::count).sum();
        return Double.isNaN(next) || rows < MIN_ROWS ? null : "row numbers (the integers from " + (long) runs.stream()
                .filter(run -> run.count > 0).findFirst().orElseThrow().first + " up in file order)";
    }

    /** One partition's values of the column: whether each is the one before plus 1, the first and the last. */
    record Run(int partition, long count, double first, double last, boolean consecutive)
            implements Serializable {

        static Run of(int partition, java.util.Iterator<InternalRow> rows, FieldReader reader) {
            long count = 0;
            double first = Double.NaN;
            double previous = Double.NaN;
            while (rows.hasNext()) {
                double value = reader.read(rows.next(), 0);
                boolean follows = count == 0 ? value == Math.rint(value) : value == previous + 1;
                if (!follows) { // also a missing value or a value that is not a number: NaN
                    return new Run(partition, count, first, previous, false);
                }
                if (count == 0) {
                    first = value;
                }
                previous = value;
                count++;
            }
            return new Run(partition, count, first, previous, true);
        }
    }
}
