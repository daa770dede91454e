package io.github.sparkprop.predict;

import io.github.sparkprop.InputException;
import io.github.sparkprop.data.DataLoader;
import io.github.sparkprop.data.FeatureColumns;
import io.github.sparkprop.data.Table;
import io.github.sparkprop.model.Model;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a model to validated input and writes the result as Spark writes data (a directory of part
 * files): the input's non-feature columns, then {@code prediction} (the original label value, or the
 * regression output) and, for classifiers, {@code probability_<label>} per class.
 */
public final class Predictor {

    private Predictor() {
    }

    /**
     * @param format csv or parquet
     * @return the number of rows written
     * @throws InputException when an output column name is taken or a vector column would go to CSV
     */
    public static long predict(SparkSession spark, Model model, DataLoader.Validated input, String output,
            String format, boolean overwrite) {
        Table table = input.table();
        FeatureColumns features = input.features();
        List<String> columns = table.columns();
        List<String> featureNames = features.isVector() ? List.of(features.vectorColumn()) : features.names();
        StructType schema = new StructType();
        List<Integer> kept = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            if (!featureNames.contains(field.name())) {
                if (format.equals("csv") && field.dataType().typeName().equals("vector")) {
                    continue; // CSV cannot hold a vector column
                }
                kept.add(columns.indexOf(field.name()));
                schema = schema.add(field);
            }
        }
        List<String> labels = model.labels();
        boolean numeric = labels != null && labels.stream().allMatch(io.github.sparkprop.data.LabelEncoder::isNumber);
        boolean integral = numeric && labels.stream().allMatch(label -> label.matches("-?\\d+"));
        schema = add(schema, "prediction", labels == null ? DataTypes.DoubleType : integral ? DataTypes.LongType
                : numeric ? DataTypes.DoubleType : DataTypes.StringType);
        if (labels != null) {
            for (String label : labels) {
                schema = add(schema, "probability_" + label, DataTypes.DoubleType);
            }
        }
        int vectorIndex = features.isVector() ? columns.indexOf(features.vectorColumn()) : -1;
        PredictionSpec spec = new PredictionSpec(model.network(), model.weights(), model.scaler(),
                features.names().stream().mapToInt(columns::indexOf).toArray(), vectorIndex, features.sparse(),
                kept.stream().mapToInt(Integer::intValue).toArray(), labels, numeric, integral);
        Dataset<Row> rows = table.rows().select(columns.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
        JavaRDD<Row> predictions = rows.javaRDD().mapPartitions(it -> new PredictionIterator(it, spec));
        Dataset<Row> result = spark.createDataFrame(predictions, schema);
        spark.sparkContext().setJobDescription("sparkprop predicting " + table.description());
        try {
            result.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).option("header", true)
                    .format(format).save(output);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return input.rows() - input.skipped();
    }

    private static StructType add(StructType schema, String name, org.apache.spark.sql.types.DataType type) {
        if (List.of(schema.fieldNames()).contains(name)) {
            throw new InputException("the input already has a column '" + name + "'; sparkprop adds it to the "
                    + "predictions: rename it");
        }
        return schema.add(name, type);
    }
}
