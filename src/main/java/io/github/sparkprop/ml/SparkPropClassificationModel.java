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

    private final String uid;
    private final SparkPropParamSet paramSet;
    private final TrainedNetwork trained;
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

    /** The network: layer sizes, activations, loss. */
    public Network network() {
        return trained.scorer().network();
    }

    /** The weights in the layout of model.json / weights.safetensors (row-major W^l, then b^l, per layer). */
    public double[] weights() {
        return trained.scorer().weights().clone();
    }

    /** The class labels in index order, as the model stores them. */
    public List<String> labels() {
        return labels;
    }

    /** Whether this model came from {@code fit} (a loaded model has no summary). */
    public boolean hasSummary() {
        return trained.hasSummary();
    }

    /**
     * What training went through: objective and validation history, final metrics.
     *
     * @throws IllegalStateException for a model that was loaded rather than fitted
     */
    public TrainingSummary summary() {
        return trained.summary();
    }

    @Override
    public int numClasses() {
        return Model.classCount(trained.scorer().network());
    }

    @Override
    public int numFeatures() {
        return trained.scorer().network().inputSize();
    }

    @Override
    public Vector predictRaw(Vector features) {
        double[] z = trained.scorer().logits(features);
        if (trained.scorer().network().outputSize() == 1) {
            return Vectors.dense(-z[0], z[0]);
        }
        return Vectors.dense(java.util.Arrays.copyOf(z, trained.scorer().network().outputSize()));
    }

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
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        return super.transform(RawFeatures.withFeatures(dataset, trained.encoding(), getFeaturesCol()));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return super.transformSchema(RawFeatures.withFeatures(schema, trained.encoding(), getFeaturesCol()));
    }

    @Override
    public SparkPropClassificationModel copy(ParamMap extra) {
        return copyValues(new SparkPropClassificationModel(uid, trained, labels), extra).setParent(parent());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    /** Writes the model in sparkprop's format (the command line's predict and evaluate read it). */
    @Override
    public MLWriter write() {
        return Persistence.writer(this, () -> trained.model(getFeaturesCol()));
    }

    public static MLReader<SparkPropClassificationModel> read() {
        return Persistence.reader(Task.CLASSIFICATION, (uid, model) -> new SparkPropClassificationModel(uid, model, null));
    }

    public static SparkPropClassificationModel load(String path) {
        return read().load(path);
    }
}
