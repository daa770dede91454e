package io.github.sparkprop.ml;

import io.github.sparkprop.Task;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * sparkprop's distributed trainer as a Spark ML regressor (squared loss, one identity output unit; without
 * hidden layers, linear regression): features one vector column, the label a number.
 */
public final class SparkPropRegressor extends Regressor<Vector, SparkPropRegressor, SparkPropRegressionModel>
        implements SparkPropParams<SparkPropRegressor>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final SparkPropParamSet paramSet;

    public SparkPropRegressor() {
        this(Identifiable.randomUID("sparkpropRegressor"));
    }

    public SparkPropRegressor(String uid) {
        this(uid, UidHandOff.give(uid));
    }

    private SparkPropRegressor(String uid, Void handedOff) {
        this.uid = uid;
        UidHandOff.done();
        this.paramSet = new SparkPropParamSet(this);
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

    @Override
    public SparkPropRegressionModel train(Dataset<?> dataset) {
        Fitting.Fitted fitted = Fitting.fit(dataset, this, getFeaturesCol(), getLabelCol(), Task.REGRESSION, 0);
        return new SparkPropRegressionModel(uid, fitted.model(), fitted.summary());
    }

    @Override
    public SparkPropRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<SparkPropRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static SparkPropRegressor load(String path) {
        return read().load(path);
    }
}
