package io.github.sparkprop.internal.data.source;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Where a table's rows come from, read as each source reads best: a DataFrame (Parquet, LibSVM, a user's
 * DataFrame) through its query plan, CSV as lines of text parsed in the tasks ({@link CsvLines}).
 */
sealed interface TableRows permits FrameRows, CsvRows {

    /**
     * Every row as Spark's internal row: the data columns, then, for CSV, the text of a record with the wrong
     * number of fields (else null). A row object may be reused by its iterator: read it before taking the next.
     */
    JavaRDD<InternalRow> rows();

    /** The rows with only the given data columns, in that order (each index the column's in the data). */
    JavaRDD<InternalRow> rows(List<String> columns, int[] indices);

    /** One element for each row, in the same partitions and order, at the least cost: what rows are counted from. */
    JavaRDD<?> records();

    /**
     * The rows as {@code Row} objects of the data columns (and, for CSV, the malformed-record column), spread
     * over {@code partitions} partitions, or as read when 0: for writing them out again.
     */
    JavaRDD<Row> externalRows(int partitions);
}
