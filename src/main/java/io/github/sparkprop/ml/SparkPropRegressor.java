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

    /** The estimator's unique id, which the models it fits take as theirs. */
    private final String uid;
    /** The params of the training settings, owned by this estimator. */
    private final SparkPropParamSet paramSet;

    /** A regressor with a new uid ({@code sparkpropRegressor_} and 12 hex digits) and every param at its default. */
    public SparkPropRegressor() {
        this(Identifiable.randomUID("sparkpropRegressor"));
    }

    /**
     * A regressor with the given uid and every param at its default.
     *
     * @param uid the unique id, which the models it fits take as theirs
     * @throws IllegalArgumentException for a null or empty uid
     */
    public SparkPropRegressor(String uid) {
        this(uid, UidHandOff.give(uid));
    }

    private SparkPropRegressor(String uid, Void handedOff) {
        this.uid = uid;
        UidHandOff.done();
        this.paramSet = new SparkPropParamSet(this);
    }

    /**
     * The estimator's unique id.
     *
     * @return the uid, which the models it fits take as theirs
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
     * Trains a network on the dataset (what {@code fit} runs, once it has checked the columns' types).
     *
     * @param dataset the rows: a number in the label column, a vector in the features column (and the weight
     *                and validation indicator columns, when set)
     * @return the model, with its training summary
     * @throws IllegalArgumentException for params or data the run cannot take
     */
    @Override
    public SparkPropRegressionModel train(Dataset<?> dataset) {
        Fitting.Fitted fitted = Fitting.fit(dataset, this, getFeaturesCol(), getLabelCol(), Task.REGRESSION, 0);
        return new SparkPropRegressionModel(uid, fitted.model(), fitted.summary());
    }

    /**
     * Trains one model per param map, all together: one cached data set for the maps that read the data the same
     * way, one Spark job an iteration for all of them, each model equal to {@code fit(dataset, paramMap)}'s (to
     * the rounding of the order in which Spark merges the tasks' sums). Spark's {@code CrossValidator} and
     * {@code TrainValidationSplit} fit their maps one by one; PySpark's call this (through {@code fitMultiple}).
     *
     * @param dataset   the rows, as {@code fit} takes them
     * @param paramMaps one param map per model
     * @return the models, in the order of the maps
     * @throws IllegalArgumentException for params or data a map cannot take, and when a map's training failed
     *                                  (its loss diverged), naming the map
     */
    @Override
    public scala.collection.immutable.Seq<SparkPropRegressionModel> fit(Dataset<?> dataset,
            scala.collection.immutable.Seq<ParamMap> paramMaps) {
        return Fitting.fitAll(this, dataset, paramMaps, Task.REGRESSION, (copy, rows) -> 0,
                (copy, fitted) -> new SparkPropRegressionModel(copy.uid(), fitted.model(), fitted.summary()));
    }

    /**
     * A copy with the same uid and param values.
     *
     * @param extra param values that override this estimator's in the copy
     * @return the copy
     */
    @Override
    public SparkPropRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * The reader of regressors saved by {@code write()}: their uid and params.
     *
     * @return a reader whose {@code load(path)} loads a regressor
     */
    public static MLReader<SparkPropRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a regressor saved by {@code write()}.
     *
     * @param path the directory it was saved in
     * @return the regressor, with the saved uid and params
     */
    public static SparkPropRegressor load(String path) {
        return read().load(path);
    }
}
