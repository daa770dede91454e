package io.github.sparkprop.ml;

import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.internal.encoding.ValueEncoder;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The features vector of a model that reads named columns (a model trained by the command line), made from a
 * DataFrame's raw columns by the model's own encoding (numbers, categories, booleans, dates, fill values): what
 * lets such a model {@code transform} the table it was trained on, as {@code predict} does. A value the encoding
 * cannot take (a category not seen in training, a missing value that nothing fills in) fails the row with its
 * column and value.
 */
final class RawFeatures implements UDF1<Row, Vector> {

    private static final long serialVersionUID = 1L;

    private final InputEncoding encoding;
    private transient ValueEncoder[] encoders;
    private transient int[] offsets;

    private RawFeatures(InputEncoding encoding) {
        this.encoding = encoding;
    }

    /**
     * The dataset with the features column added from the raw columns, when the model reads named columns and
     * the dataset has no features column; else the dataset as it is.
     *
     * @param encoding the model's encoding of named columns, or null when it reads a vector column
     * @throws IllegalArgumentException naming a column the model reads that the dataset lacks
     */
    static Dataset<?> withFeatures(Dataset<?> dataset, InputEncoding encoding, String featuresCol) {
        if (!needed(dataset.schema(), encoding, featuresCol)) {
            return dataset;
        }
        Column[] columns = encoding.columnNames().stream().map(dataset::col).toArray(Column[]::new);
        return dataset.withColumn(featuresCol, functions.udf(new RawFeatures(encoding), SQLDataTypes.VectorType())
                .apply(functions.struct(columns)));
    }

    /** The schema {@link #withFeatures} gives. */
    static StructType withFeatures(StructType schema, InputEncoding encoding, String featuresCol) {
        return needed(schema, encoding, featuresCol) ? schema.add(featuresCol, SQLDataTypes.VectorType(), false)
                : schema;
    }

    private static boolean needed(StructType schema, InputEncoding encoding, String featuresCol) {
        List<String> columns = List.of(schema.fieldNames());
        if (encoding == null || columns.contains(featuresCol)) {
            return false;
        }
        for (String column : encoding.columnNames()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("the model reads column '" + column + "' (or a features vector, "
                        + "featuresCol '" + featuresCol + "'), which the dataset does not have; its columns are "
                        + columns);
            }
        }
        return true;
    }

    @Override
    public Vector call(Row row) {
        if (encoders == null) {
            encoders = ValueEncoder.of(encoding, io.github.sparkprop.internal.data.HandleInvalid.DEFAULT.lenient());
            offsets = encoding.offsets();
        }
        double[] x = new double[encoding.width()];
        for (int k = 0; k < encoders.length; k++) {
            Object value = row.get(k);
            String reason = encoders[k].encode(value, x, offsets[k]);
            if (reason != null) {
                throw new IllegalArgumentException("column '" + encoders[k].column().name() + "': "
                        + (value == null ? "" : "value '" + value + "' ") + reason);
            }
        }
        return Vectors.dense(x);
    }
}
