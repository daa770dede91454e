package io.github.sparkprop.internal.predict;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.ClassLabels;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.FeatureColumns;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.internal.model.AtomicDirectory;
import io.github.sparkprop.internal.model.Model;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a model to validated input and writes the result as Spark writes data (a directory of part
 * files): the input's non-feature columns, then {@code prediction} (the original label value, or the
 * regression output) and, for classifiers, {@code probability_<label>} per class.
 */
public final class Predictor {

    private Predictor() {
    }

    /** Checks, before any work, that the output can be written (see {@link PredictionOutput}). */
    public static void checkOutput(String output, boolean overwrite, List<String> inputs,
            org.apache.hadoop.conf.Configuration conf) {
        PredictionOutput.check(output, overwrite, inputs, conf);
    }

    /**
     * @param format     csv or parquet
     * @param partitions the number of partitions to spread the work over, or 0 for the input's
     * @param keep       feature columns to keep in the output too ({@code all}: every one), or null for none
     * @return the number of rows written
     * @throws InputException when an output column name is taken, or a column to keep is not in the input
     */
    public static long predict(SparkSession spark, Model model, DataLoader.Validated input, String output,
            String format, boolean overwrite, int partitions, List<String> keep) {
        Table table = input.table();
        FeatureColumns features = input.features();
        List<String> columns = table.columns();
        List<String> featureNames = new ArrayList<>(features.isVector() ? List.of(features.vectorColumn())
                : features.names());
        if (keep != null && keep.equals(List.of("all"))) {
            featureNames.clear();
        } else if (keep != null) {
            for (String column : keep) {
                if (!columns.contains(column)) {
                    throw new InputException("{keepColumns} names '" + column + "', which " + table.description()
                            + " does not have" + DidYouMean.hint(column, columns));
                }
            }
            featureNames.removeAll(keep);
        }
        StructType schema = new StructType();
        List<Integer> kept = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            if (!featureNames.contains(field.name())) {
                if (format.equals("csv") && field.dataType().typeName().equals("vector")) {
                    LOG.warn("column '{}' is a vector, which CSV cannot hold: left out of the predictions (write "
                            + "Parquet to keep it)", field.name());
                    continue;
                }
                kept.add(columns.indexOf(field.name()));
                schema = schema.add(field);
            }
        }
        List<String> labels = model.labels();
        // labels are written as longs or doubles only where every one of them is held exactly, else as text
        boolean integral = labels != null && labels.stream().allMatch(ClassLabels::isLong);
        boolean numeric = integral || labels != null && labels.stream().allMatch(ClassLabels::isExactDouble);
        schema = add(schema, "prediction", labels == null ? DataTypes.DoubleType : integral ? DataTypes.LongType
                : numeric ? DataTypes.DoubleType : DataTypes.StringType);
        if (labels != null) {
            for (String label : labels) {
                schema = add(schema, "probability_" + label, DataTypes.DoubleType);
            }
        }
        int vectorIndex = features.isVector() ? columns.indexOf(features.vectorColumn()) : -1;
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<double[]> weights = context.broadcast(model.weights());
        PredictionSpec spec = new PredictionSpec(model.network(), weights, model.scaler(),
                features.names().stream().mapToInt(columns::indexOf).toArray(), features.encoding(), input.lenient(),
                vectorIndex,
                table.malformedIndex(),
                features.sparse(), kept.stream().mapToInt(Integer::intValue).toArray(), labels, numeric, integral);
        JavaRDD<Row> predictions = table.externalRows(partitions).mapPartitions(it -> new PredictionIterator(it,
                spec));
        Dataset<Row> result = spark.createDataFrame(predictions, schema);
        spark.sparkContext().setJobDescription("sparkprop predicting " + table.description());
        try {
            return write(spark, result, output, format, overwrite);
        } finally {
            spark.sparkContext().setJobDescription(null);
            weights.destroy(true);
        }
    }

    /**
     * Writes the predictions and counts them back. A failed write (a full disk, a bad row, a lost executor) leaves
     * no output behind: what Spark left of it (the directory and its temporary files) is removed, unless the
     * directory was there before and is not to be replaced.
     */
    private static long write(SparkSession spark, Dataset<Row> result, String output, String format,
            boolean overwrite) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(output);
        boolean existed;
        try {
            existed = path.getFileSystem(conf).exists(path);
        } catch (IOException e) {
            throw new InputException("cannot write the predictions to " + output + ": " + e.getMessage(), e);
        }
        try {
            result.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).option("header", true)
                    .format(format).save(output);
            return spark.read().option("header", true).format(format).load(output).count();
        } catch (Exception e) { // Spark's SparkException too, which Scala throws undeclared
            if (!existed || overwrite) {
                AtomicDirectory.deleteQuietly(path, conf);
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InputException input) {
                    throw input;
                }
            }
            throw new InputException("cannot write the predictions to " + output + ": "
                    + String.valueOf(rootMessage(e)).lines().findFirst().orElse(""), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private static StructType add(StructType schema, String name, org.apache.spark.sql.types.DataType type) {
        if (List.of(schema.fieldNames()).contains(name)) {
            throw new InputException("the input already has a column '" + name + "'; sparkprop adds it to the "
                    + "predictions: rename it");
        }
        return schema.add(name, type);
    }
}
