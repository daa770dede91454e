package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.data.source.RowIds;
import io.github.sparkprop.internal.data.source.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The exact median of some inputs over the valid training rows that have a value there, by Spark's own
 * exact percentile ({@code median}: the middle value, or the mean of the two middle values of an even
 * count), in one pass over the input.
 */
final class Medians {

    private Medians() {
    }

    /**
     * @param parser  reads a row's inputs, a missing value that is to be filled in as NaN
     * @param inputs  the inputs whose medians are wanted
     * @return the median of each of those inputs, NaN where no training row has a value
     */
    static double[] of(SparkSession spark, Table table, RowParser parser, RowIds ids, HoldOut holdOut, int[] inputs) {
        JavaRDD<Row> values = table.rows().mapPartitions(rows -> trainingValues(rows, ids.counter(), parser,
                holdOut, inputs));
        StructType schema = new StructType();
        List<Column> medians = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) {
            schema = schema.add("v" + k, DataTypes.DoubleType, true);
            medians.add(functions.median(functions.col("v" + k)));
        }
        spark.sparkContext().setJobDescription("finding the medians of " + table.description());
        Row found;
        try {
            Dataset<Row> frame = spark.createDataFrame(values, schema);
            found = frame.agg(medians.get(0), medians.subList(1, medians.size()).toArray(Column[]::new)).first();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        double[] result = new double[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            result[k] = found.isNullAt(k) ? Double.NaN : ((Number) found.get(k)).doubleValue();
        }
        return result;
    }

    /** The chosen inputs of the partition's valid training rows, null where a value is missing, row by row. */
    private static Iterator<Row> trainingValues(Iterator<InternalRow> rows, RowIds.Counter ids, RowParser parser,
            HoldOut holdOut, int[] inputs) {
        double[] x = new double[parser.featureCount()];
        double[] y = new double[1];
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    InternalRow row = rows.next();
                    long id = ids.nextId();
                    if (parser.parse(row, x, 0, y, null, 0) == null && holdOut.role(id) == HoldOut.Role.TRAINING) {
                        Object[] values = new Object[inputs.length];
                        for (int k = 0; k < inputs.length; k++) {
                            values[k] = Double.isNaN(x[inputs[k]]) ? null : x[inputs[k]];
                        }
                        next = RowFactory.create(values);
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }
        };
    }
}
