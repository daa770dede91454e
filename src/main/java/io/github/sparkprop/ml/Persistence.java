package io.github.sparkprop.ml;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.model.AtomicDirectory;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.onnx.OnnxExport;
import io.github.sparkprop.internal.onnx.OnnxFile;
import io.github.sparkprop.internal.onnx.OnnxInputs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.ml.util.ReadWriteUtils;
import org.apache.spark.sql.SparkSession;

/**
 * Saving and loading sparkprop's Spark ML models in the model format of {@code sparkprop train} (model.json
 * and weights.safetensors, written atomically), with Spark ML's param metadata beside them in
 * {@code metadata} so that a saved {@code PipelineModel} finds the class and the params (one JSON line in a
 * plain file, which both of DefaultParamsReader's readers take: spark.read.text and, in local saving mode, a
 * file read). A model saved by the command line (no metadata) loads with default params, its vector column
 * as featuresCol.
 *
 * <p>In Spark ML's local saving mode ({@code MLWriter.saveToLocal}, {@code MLReader.loadFromLocal}, which Spark
 * Connect's model cache uses to move models out of memory) the path is on the driver's own disk whatever the
 * default file system is, as Spark's own models do it.
 */
final class Persistence {

    private Persistence() {
    }

    /** The writer of a model: its params and the model, as the command line saves one. */
    static MLWriter writer(Params instance, java.util.function.Supplier<Model> model) {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                SparkSession spark = sparkSession();
                String metadata = DefaultParamsWriter.getMetadataToSave(instance, spark) + "\n";
                ModelStore.save(model.get(), located(path), true,
                        Map.of(ModelStore.SPARK_ML_METADATA, metadata.getBytes(StandardCharsets.UTF_8)),
                        spark.sparkContext().hadoopConfiguration());
            }
        };
    }

    /**
     * The reader of a model class.
     *
     * @param task the task its models have
     * @param make the API model for a uid and a loaded model
     */
    static <M extends Params> MLReader<M> reader(Task task, BiFunction<String, Model, M> make) {
        return new MLReader<M>() {
            @Override
            public M load(String path) {
                SparkSession spark = sparkSession();
                Configuration conf = spark.sparkContext().hadoopConfiguration();
                String location = located(path);
                Model model = ModelStore.load(location, conf);
                if (model.task() != task) {
                    throw new IllegalArgumentException(path + " holds a " + model.task().id() + " model: load it with "
                            + (model.task() == Task.CLASSIFICATION ? "SparkPropClassificationModel"
                                    : "SparkPropRegressionModel") + ".load");
                }
                if (!hasMetadata(location, conf)) {
                    return make.apply(Identifiable.randomUID("sparkprop"), model);
                }
                DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, spark, "");
                M instance = make.apply(metadata.uid(), model);
                metadata.getAndSetParams(instance, scala.Option.empty());
                return instance;
            }
        };
    }

    /**
     * Writes a model as an ONNX graph that reads the table's own columns (or the model's vector column), as
     * {@code sparkprop export} does.
     */
    static void exportOnnx(Model model, String path, boolean overwrite) {
        Configuration conf = SparkSession.active().sparkContext().hadoopConfiguration();
        OnnxFile.checkWritable(path, overwrite, conf);
        byte[] bytes = OnnxExport.of(model, "the Spark ML model", OnnxInputs.COLUMNS).toByteArray();
        OnnxFile.write(bytes, path, overwrite, conf);
    }

    /**
     * The path as given, or in local saving mode the same path on the local file system (Spark sets the mode
     * for the calling thread around {@code saveImpl} and {@code load}; {@code ReadWriteUtils} is Spark's own,
     * public in the bytecode though private to Spark in Scala).
     */
    private static String located(String path) {
        boolean local = Boolean.TRUE.equals(ReadWriteUtils.localSavingModeState().get());
        return local ? new Path("file", null, new File(path).getAbsolutePath()).toString() : path;
    }

    private static boolean hasMetadata(String path, Configuration conf) {
        Path metadata = new Path(path, ModelStore.SPARK_ML_METADATA);
        try {
            return AtomicDirectory.fileSystem(metadata, conf).exists(metadata);
        } catch (IOException e) {
            return false;
        }
    }
}
