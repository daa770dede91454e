package io.github.sparkprop.ml;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.math.Network;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** A trained sparkprop regressor in Spark ML: {@code transform} appends the prediction column. */
public final class SparkPropRegressionModel extends RegressionModel<Vector, SparkPropRegressionModel>
        implements SparkPropParams<SparkPropRegressionModel>, MLWritable {

    private static final long serialVersionUID = 1L;

    /** The model's unique id, its estimator's when it came from {@code fit}. */
    private final String uid;
    /** The params of the training settings, owned by this model. */
    private final SparkPropParamSet paramSet;
    /** The network, its weights and input scaling, and what saving the model needs. */
    private final TrainedNetwork trained;

    /** A model without a network, for Spark Connect's class discovery (see {@link TrainedNetwork#unfitted()}). */
    public SparkPropRegressionModel() {
        this(Identifiable.randomUID("sparkpropRegressionModel"), TrainedNetwork.unfitted());
    }

    SparkPropRegressionModel(String uid, Model model, TrainingSummary summary) {
        this(uid, new TrainedNetwork(model, summary));
        if (model.vectorColumn() != null) {
            setFeaturesCol(model.vectorColumn());
        }
    }

    private SparkPropRegressionModel(String uid, TrainedNetwork trained) {
        this(uid, UidHandOff.give(uid), trained);
    }

    private SparkPropRegressionModel(String uid, Void handedOff, TrainedNetwork trained) {
        this.uid = uid;
        UidHandOff.done();
        this.paramSet = new SparkPropParamSet(this);
        this.trained = trained;
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
     * @return the network: as many inputs as features, one identity output unit
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
     * The length of the feature vectors the model takes.
     *
     * @return the network's input size
     */
    @Override
    public int numFeatures() {
        return network().inputSize();
    }

    /**
     * The prediction for one feature vector: the network's one output unit.
     *
     * @param features the feature vector, dense or sparse, of {@link #numFeatures()} values
     * @return the predicted label, in the label's units
     * @throws IllegalArgumentException when the vector's size is not {@link #numFeatures()}
     */
    @Override
    public double predict(Vector features) {
        return trained.scorer().logits(features)[0]; // the output unit is the identity
    }

    /**
     * Appends the predictions; a model that reads named columns (one trained by the command line) takes a
     * DataFrame of those raw columns, encoded as the model says, when it has no features column.
     *
     * @param dataset the rows to score, with the features column (or the model's raw columns)
     * @return the rows with the prediction column appended
     * @throws IllegalArgumentException when a column the model reads is missing
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        return super.transform(RawFeatures.withFeatures(dataset, trained.encoding(), getFeaturesCol()));
    }

    /**
     * The schema {@link #transform} gives: the input's with the prediction column appended.
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
     * A copy with the same uid and network (and summary, if any), and this model's parent.
     *
     * @param extra param values that override this model's in the copy
     * @return the copy
     */
    @Override
    public SparkPropRegressionModel copy(ParamMap extra) {
        return copyValues(new SparkPropRegressionModel(uid, trained), extra).setParent(parent());
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
     * The reader of saved regression models: those {@link #write()} saved, and those of the command line
     * (which load with default params, their vector column as featuresCol).
     *
     * @return a reader whose {@code load(path)} loads a model
     */
    public static MLReader<SparkPropRegressionModel> read() {
        return Persistence.reader(Task.REGRESSION, (uid, model) -> new SparkPropRegressionModel(uid, model, null));
    }

    /**
     * Loads a regression model saved by {@link #write()} or by the command line.
     *
     * @param path the model's directory, on any Hadoop file system
     * @return the model, without a training summary
     * @throws IllegalArgumentException when the directory holds a classification model
     */
    public static SparkPropRegressionModel load(String path) {
        return read().load(path);
    }
}
