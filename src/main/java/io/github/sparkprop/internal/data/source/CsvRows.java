package io.github.sparkprop.internal.data.source;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

/**
 * The rows of CSV files: their records as lines of text, parsed in the task that reads them.
 *
 * @param lines how the lines are parsed
 * @param text  the records, as lines of text
 */
record CsvRows(CsvLines lines, JavaRDD<String> text) implements TableRows {

    @Override
    public JavaRDD<InternalRow> rows() {
        return lines.rows(text);
    }

    @Override
    public JavaRDD<InternalRow> rows(List<String> columns, int[] indices) {
        return rows().map(row -> {
            Object[] values = new Object[indices.length];
            for (int k = 0; k < indices.length; k++) {
                values[k] = row.isNullAt(indices[k]) ? null : row.getUTF8String(indices[k]);
            }
            return new GenericInternalRow(values);
        });
    }

    @Override
    public JavaRDD<?> records() {
        return text;
    }

    @Override
    public JavaRDD<Row> externalRows(int partitions) {
        return lines.rows(partitions > 0 ? text.repartition(partitions) : text).map(row -> {
            Object[] values = new Object[row.numFields()];
            for (int k = 0; k < values.length; k++) {
                values[k] = row.isNullAt(k) ? null : row.getUTF8String(k).toString();
            }
            return RowFactory.create(values);
        });
    }
}
