package io.github.sparkprop.ml;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.math.Network;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A trained sparkprop classifier in Spark ML: {@code transform} appends rawPrediction, probability and
 * prediction (the class index) as MLlib's classifiers do. For two classes (one sigmoid output unit z) the
 * raw prediction is (-z, z) and the probability (sigmoid(-z), sigmoid(z)); for k classes it is the k logits
 * and the probabilities every face reports ({@link io.github.sparkprop.math.OutputLayer#probabilities}: their
 * softmax, or their sigmoids normalised to sum 1 when the loss is squared).
 */
public final class SparkPropClassificationModel
        extends ProbabilisticClassificationModel<Vector, SparkPropClassificationModel>
        implements SparkPropParams<SparkPropClassificationModel>, MLWritable {

    private static final long serialVersionUID = 1L;

    /** The model's unique id, its estimator's when it came from {@code fit}. */
    private final String uid;
    /** The params of the training settings, owned by this model. */
    private final SparkPropParamSet paramSet;
    /** The network, its weights and input scaling, and what saving the model needs. */
    private final TrainedNetwork trained;
    /** The class labels in index order, or null for a model without a network. */
    private final List<String> labels;

    /** A model without a network, for Spark Connect's class discovery (see {@link TrainedNetwork#unfitted()}). */
    public SparkPropClassificationModel() {
        this(Identifiable.randomUID("sparkpropClassificationModel"), TrainedNetwork.unfitted(), null);
    }

    SparkPropClassificationModel(String uid, Model model, TrainingSummary summary) {
        this(uid, new TrainedNetwork(model, summary), model.labels());
        if (model.vectorColumn() != null) {
            setFeaturesCol(model.vectorColumn());
        }
    }

    private SparkPropClassificationModel(String uid, TrainedNetwork trained, List<String> labels) {
        this(uid, UidHandOff.give(uid), trained, labels);
    }

    private SparkPropClassificationModel(String uid, Void handedOff, TrainedNetwork trained, List<String> labels) {
        this.uid = uid;
        UidHandOff.done();
        this.paramSet = new SparkPropParamSet(this);
        this.trained = trained;
        this.labels = labels;
    }

    /**
     * The model's unique id: its estimator's for a model from {@code fit}, the saved one for a model saved by
     * {@link #write()}, a new one for a model of the command line.
     *
     * @return the uid
     */
    @Override
    public String uid() {
        return uid != null ? uid : UidHandOff.pending();
    }

    @Override
    public SparkPropParamSet paramSet() {
        return paramSet;
    }

    /** Spark's column params and every training setting's param (see {@link SparkPropParamSet}). */
    @Override
    public org.apache.spark.ml.param.Param<?>[] params() {
        return paramSet == null ? super.params() : paramSet.params(super.params());
    }

    /**
     * The network: layer sizes, activations, loss.
     *
     * @return the network: as many inputs as features, one sigmoid output unit for two classes, else k units
     * @throws IllegalStateException for a model made by the no-argument constructor
     */
    public Network network() {
        return trained.scorer().network();
    }

    /**
     * The weights in the layout of model.json / weights.safetensors (row-major W^l, then b^l, per layer).
     *
     * @return a copy of the weights, {@link Network#parameterCount()} of them, acting on the features as the
     *         model standardises them (when it does)
     * @throws IllegalStateException for a model made by the no-argument constructor
     */
    public double[] weights() {
        return trained.scorer().weights().clone();
    }

    /**
     * The class labels in index order, as the model stores them.
     *
     * @return one label per class index: "0" .. "k-1" for a model fitted here, the label values of the data for one
     *         trained by the command line; null for a model made by the no-argument constructor
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Writes the model as an ONNX graph (opset 13) for inference runtimes, as {@code sparkprop export} does: one
     * graph input per input column named as the column, the model's encoding of categories, dates and gaps and
     * its scaler inside the graph (a model of a vector column reads that column, float [N, n_0]); the graph's
     * metadata ({@code sparkprop.inputs}) describes each input.
     *
     * @param path the file to write, on any Hadoop file system; refused when it exists
     * @throws io.github.sparkprop.InputException when the file exists or cannot be written
     * @throws IllegalStateException for a model made by the no-argument constructor
     */
    public void exportOnnx(String path) {
        exportOnnx(path, false);
    }

    /**
     * Writes the model as an ONNX graph, as {@link #exportOnnx(String)} does.
     *
     * @param path      the file to write, on any Hadoop file system
     * @param overwrite whether to replace an existing file
     * @throws io.github.sparkprop.InputException when the file exists (and may not be replaced) or cannot be
     *                                            written
     * @throws IllegalStateException for a model made by the no-argument constructor
     */
    public void exportOnnx(String path, boolean overwrite) {
        Persistence.exportOnnx(trained.model(getFeaturesCol()), path, overwrite);
    }

    /**
     * Whether this model came from {@code fit} (a loaded model has no summary).
     *
     * @return true when {@link #summary()} is available
     */
    public boolean hasSummary() {
        return trained.hasSummary();
    }

    /**
     * What training went through: objective and validation history, final metrics.
     *
     * @return the summary of the fit that made this model
     * @throws IllegalStateException for a model that was loaded rather than fitted
     */
    public TrainingSummary summary() {
        return trained.summary();
    }

    /**
     * The number of classes k.
     *
     * @return k, at least 2: the network's output size, or 2 for its one sigmoid unit
     */
    @Override
    public int numClasses() {
        return Model.classCount(trained.scorer().network());
    }

    /**
     * The length of the feature vectors the model takes.
     *
     * @return the network's input size
     */
    @Override
    public int numFeatures() {
        return trained.scorer().network().inputSize();
    }

    /**
     * The raw prediction of one feature vector: (-z, z) for two classes, the k logits for k.
     *
     * @param features the feature vector, dense or sparse, of {@link #numFeatures()} values
     * @return a dense vector of {@link #numClasses()} values
     * @throws IllegalArgumentException when the vector's size is not {@link #numFeatures()}
     */
    @Override
    public Vector predictRaw(Vector features) {
        double[] z = trained.scorer().logits(features);
        if (trained.scorer().network().outputSize() == 1) {
            return Vectors.dense(-z[0], z[0]);
        }
        return Vectors.dense(java.util.Arrays.copyOf(z, trained.scorer().network().outputSize()));
    }

    /**
     * Turns a raw prediction into class probabilities, in place (see the class comment).
     *
     * @param rawPrediction a dense vector from {@link #predictRaw}; overwritten with the probabilities
     * @return {@code rawPrediction}, now holding k probabilities that sum to 1
     */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] raw = ((DenseVector) rawPrediction).values();
        Network network = trained.scorer().network();
        int units = network.outputSize();
        double[] outputs = units == 1 ? new double[] {raw[1]} : raw.clone(); // two classes: raw is (-z, z)
        network.activation(network.depth()).apply(outputs, units, 1);
        network.outputLayer().probabilities(outputs, 0, units, raw);
        return rawPrediction;
    }

    /**
     * Appends the predictions; a model that reads named columns (one trained by the command line) takes a
     * DataFrame of those raw columns, encoded as the model says, when it has no features column.
     *
     * @param dataset the rows to score, with the features column (or the model's raw columns)
     * @return the rows with rawPrediction, probability and prediction columns appended
     * @throws IllegalArgumentException when a column the model reads is missing
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        return super.transform(RawFeatures.withFeatures(dataset, trained.encoding(), getFeaturesCol()));
    }

    /**
     * The schema {@link #transform} gives: the input's with the prediction columns appended.
     *
     * @param schema the input's schema, with the features column (or the model's raw columns)
     * @return the output's schema
     * @throws IllegalArgumentException when a column the model reads is missing or of the wrong type
     */
    @Override
    public StructType transformSchema(StructType schema) {
        return super.transformSchema(RawFeatures.withFeatures(schema, trained.encoding(), getFeaturesCol()));
    }

    /**
     * A copy with the same uid, network and labels (and summary, if any), and this model's parent.
     *
     * @param extra param values that override this model's in the copy
     * @return the copy
     */
    @Override
    public SparkPropClassificationModel copy(ParamMap extra) {
        return copyValues(new SparkPropClassificationModel(uid, trained, labels), extra).setParent(parent());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    /**
     * Writes the model in sparkprop's format (the command line's predict and evaluate read it).
     *
     * @return a writer whose {@code save(path)} writes model.json, weights.safetensors and the params' metadata
     */
    @Override
    public MLWriter write() {
        return Persistence.writer(this, () -> trained.model(getFeaturesCol()));
    }

    /**
     * The reader of saved classification models: those {@link #write()} saved, and those of the command line
     * (which load with default params, their vector column as featuresCol).
     *
     * @return a reader whose {@code load(path)} loads a model
     */
    public static MLReader<SparkPropClassificationModel> read() {
        return Persistence.reader(Task.CLASSIFICATION, (uid, model) -> new SparkPropClassificationModel(uid, model, null));
    }

    /**
     * Loads a classification model saved by {@link #write()} or by the command line.
     *
     * @param path the model's directory, on any Hadoop file system
     * @return the model, without a training summary
     * @throws IllegalArgumentException when the directory holds a regression model
     */
    public static SparkPropClassificationModel load(String path) {
        return read().load(path);
    }
}
