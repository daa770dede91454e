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

    private final String uid;
    private final SparkPropParamSet paramSet;
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

    /** The weights in the layout of model.json / weights.safetensors. */
    public double[] weights() {
        return trained.scorer().weights().clone();
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
    public int numFeatures() {
        return network().inputSize();
    }

    @Override
    public double predict(Vector features) {
        return trained.scorer().logits(features)[0]; // the output unit is the identity
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
    public SparkPropRegressionModel copy(ParamMap extra) {
        return copyValues(new SparkPropRegressionModel(uid, trained), extra).setParent(parent());
    }

    /** Writes the model in sparkprop's format (the command line's predict and evaluate read it). */
    @Override
    public MLWriter write() {
        return Persistence.writer(this, () -> trained.model(getFeaturesCol()));
    }

    public static MLReader<SparkPropRegressionModel> read() {
        return Persistence.reader(Task.REGRESSION, (uid, model) -> new SparkPropRegressionModel(uid, model, null));
    }

    public static SparkPropRegressionModel load(String path) {
        return read().load(path);
    }
}
