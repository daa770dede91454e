package io.github.sparkprop.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params of sparkprop's estimators and models (beside the column params their Spark base classes
 * have): a param for every core setting of a run that the Spark ML face offers ({@link SparkPropParamSet}, listed
 * by {@code params()} and {@code explainParams()}: the training settings, weightCol, validationIndicatorCol and
 * checkpointDir), set by name with {@link #setParam} or with the typed setters of the common ones.
 *
 * @param <T> the implementing class, which the setters return
 */
public interface SparkPropParams<T extends SparkPropParams<T>> extends Params {

    /**
     * The param objects this instance owns.
     *
     * @return the params of the training settings, made with this instance
     */
    SparkPropParamSet paramSet();

    /**
     * The weightCol param: a column of instance weights (&gt;= 0), which make the loss their weighted
     * average; unset or empty, every row weighs 1.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> weightCol() {
        return (Param<String>) paramSet().named("weightCol");
    }

    /**
     * The validationIndicatorCol param: a boolean column, true for the rows to validate on (scored
     * every evalEvery iterations, reported in the summary, used by early stopping), false for the rows to train
     * on; unset or empty, every row trains.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> validationIndicatorCol() {
        return (Param<String>) paramSet().named("validationIndicatorCol");
    }

    /**
     * The checkpointDir param: where each fit writes its checkpoints, on any Hadoop file system, in a
     * directory of its own named after its params and data, which a fit of the same params and data resumes;
     * unset or empty, no checkpoints.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> checkpointDir() {
        return (Param<String>) paramSet().named("checkpointDir");
    }

    /**
     * The hiddenLayers param: the sizes of the hidden layers; empty (the default) for a linear model
     * (logistic, softmax or linear regression).
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default IntArrayParam hiddenLayers() {
        return (IntArrayParam) paramSet().named("hiddenLayers");
    }

    /**
     * The activation param: the activation of the hidden layers, e.g. {@code relu} (the default) or
     * {@code tanh}.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> activation() {
        return (Param<String>) paramSet().named("activation");
    }

    /**
     * The loss param: {@code cross-entropy} (classification), {@code squared} (regression, or k sigmoid
     * units for k classes), or {@code auto} (the default), which picks the task's.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> loss() {
        return (Param<String>) paramSet().named("loss");
    }

    /**
     * The optimizer param: {@code gd}, {@code momentum}, {@code adam}, {@code adamw}, {@code lbfgs}, or
     * {@code auto} (the default): lbfgs for full batches, adam for mini-batches, gd when a step size or
     * schedule is given.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> optimizer() {
        return (Param<String>) paramSet().named("optimizer");
    }

    /**
     * The stepSize param: the step size alpha, the base of the learning-rate schedule; 0 (the default)
     * for the optimizer's own (0.1 for gd and momentum, 0.001 for adam and adamw; lbfgs finds its own steps).
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default DoubleParam stepSize() {
        return (DoubleParam) paramSet().named("stepSize");
    }

    /**
     * The maxIter param: the number of iterations, at least 1 (100 by default).
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default IntParam maxIter() {
        return (IntParam) paramSet().named("maxIter");
    }

    /**
     * The batchFraction param: the seeded fraction of the rows each iteration uses, in (0, 1]; 1 (the
     * default) is full batch.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default DoubleParam batchFraction() {
        return (DoubleParam) paramSet().named("batchFraction");
    }

    /**
     * The regParam param: the L2 penalty lambda on the weights (not the biases); -1 (the default) for
     * 1/m with a linear model of m training rows and 0.02 with a network (0 with adamw).
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default DoubleParam regParam() {
        return (DoubleParam) paramSet().named("regParam");
    }

    /**
     * The tol param: stop when the cost changes by less than this relative to the previous iteration's; 0
     * (the default) never stops early this way.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default DoubleParam tol() {
        return (DoubleParam) paramSet().named("tol");
    }

    /**
     * The seed param: the seed of the initial weights, the mini-batches and the held-out splits (42 by
     * default).
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default LongParam seed() {
        return (LongParam) paramSet().named("seed");
    }

    /**
     * The precision param: the arithmetic of the tasks, {@code float64} (the default) or {@code float32}.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default Param<String> precision() {
        return (Param<String>) paramSet().named("precision");
    }

    /**
     * The blockSize param: the rows stacked into one cached block for the matrix products; 0 (the
     * default) for about 4 MB of features a block.
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default IntParam blockSize() {
        return (IntParam) paramSet().named("blockSize");
    }

    /**
     * The checkpointInterval param: a checkpoint every this many iterations (and at the end) when
     * checkpointDir is set (10 by default).
     *
     * @return the param, owned by this instance
     */
    @SuppressWarnings("unchecked")
    default IntParam checkpointInterval() {
        return (IntParam) paramSet().named("checkpointInterval");
    }

    /**
     * Sets a param by name, e.g. {@code setParam("weightDecay", 0.05)}: any number for a numeric param, a
     * String for a choice, an int[] for sizes.
     *
     * @param name  the param's name, as {@code params()} lists it
     * @param value its value; a number is converted to the param's type (double, int or long)
     * @return this instance
     * @throws java.util.NoSuchElementException for an unknown name
     * @throws IllegalArgumentException         for a value the param does not allow
     */
    @SuppressWarnings("unchecked")
    default T setParam(String name, Object value) {
        Param<Object> param = (Param<Object>) getParam(name);
        Object converted = value;
        if (value instanceof Number number) {
            converted = param instanceof DoubleParam ? (Object) number.doubleValue()
                    : param instanceof IntParam ? (Object) number.intValue()
                    : param instanceof LongParam ? (Object) number.longValue() : value;
        }
        set(param, converted);
        return (T) this;
    }

    /**
     * The value of a param by name (its default when unset).
     *
     * @param name the param's name, as {@code params()} lists it
     * @return the value set, else the default
     * @throws java.util.NoSuchElementException for an unknown name, or an unset param without a default
     *                                          (weightCol, validationIndicatorCol, checkpointDir)
     */
    default Object getParamValue(String name) {
        return getOrDefault(getParam(name));
    }

    /**
     * The weight column, or null when unset or empty.
     *
     * @return the column's name, or null when every row weighs 1
     */
    default String getWeightCol() {
        return optionalString(weightCol());
    }

    /**
     * The validation indicator column, or null when unset or empty.
     *
     * @return the column's name, or null when every row trains
     */
    default String getValidationIndicatorCol() {
        return optionalString(validationIndicatorCol());
    }

    /**
     * The checkpoint directory, or null when unset or empty.
     *
     * @return the directory, or null when fits write no checkpoints
     */
    default String getCheckpointDir() {
        return optionalString(checkpointDir());
    }

    /**
     * The sizes of the hidden layers (none when unset).
     *
     * @return the sizes, first hidden layer first; empty for a linear model
     */
    default int[] getHiddenLayers() {
        return (int[]) getOrDefault(hiddenLayers());
    }

    /**
     * The activation of the hidden layers (relu when unset).
     *
     * @return its id, e.g. {@code relu}
     */
    default String getActivation() {
        return (String) getOrDefault(activation());
    }

    /**
     * The loss as set (auto when unset).
     *
     * @return {@code auto}, {@code cross-entropy} or {@code squared}; auto is not resolved to the task's loss
     */
    default String getLoss() {
        return (String) getOrDefault(loss());
    }

    /**
     * The optimizer as set (auto when unset).
     *
     * @return {@code auto}, {@code gd}, {@code momentum}, {@code adam}, {@code adamw} or {@code lbfgs}; auto is
     *         not resolved to the optimizer a fit picks
     */
    default String getOptimizer() {
        return (String) getOrDefault(optimizer());
    }

    /**
     * The step size alpha as set (0 when unset).
     *
     * @return the step size, or 0 for the optimizer's own
     */
    default double getStepSize() {
        return (Double) getOrDefault(stepSize());
    }

    /**
     * The number of iterations (100 when unset).
     *
     * @return the number of iterations, at least 1
     */
    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    /**
     * The fraction of the rows each iteration uses (1 when unset).
     *
     * @return the fraction, in (0, 1]; 1 for full batch
     */
    default double getBatchFraction() {
        return (Double) getOrDefault(batchFraction());
    }

    /**
     * The L2 penalty lambda as set (-1 when unset).
     *
     * @return the penalty, or -1 for the default one (1/m for a linear model of m training rows, 0.02 for a
     *         network, 0 with adamw)
     */
    default double getRegParam() {
        return (Double) getOrDefault(regParam());
    }

    /**
     * The relative change of the cost below which training stops (0 when unset).
     *
     * @return the tolerance, or 0 for none
     */
    default double getTol() {
        return (Double) getOrDefault(tol());
    }

    /**
     * The seed of the initial weights, the mini-batches and the held-out splits (42 when unset).
     *
     * @return the seed
     */
    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    /**
     * The rows stacked into one cached block as set (0 when unset).
     *
     * @return the number of rows, or 0 for about 4 MB of features a block
     */
    default int getBlockSize() {
        return (Integer) getOrDefault(blockSize());
    }

    /**
     * The arithmetic of the tasks (float64 when unset).
     *
     * @return {@code float64} or {@code float32}
     */
    default String getPrecision() {
        return (String) getOrDefault(precision());
    }

    /**
     * The number of iterations between checkpoints (10 when unset).
     *
     * @return the interval, at least 1
     */
    default int getCheckpointInterval() {
        return (Integer) getOrDefault(checkpointInterval());
    }

    /**
     * Sets the column of instance weights (see {@link #weightCol()}).
     *
     * @param value the column's name; null or empty for none
     * @return this instance
     */
    default T setWeightCol(String value) {
        return setTyped(weightCol(), value);
    }

    /**
     * Sets the boolean column of the rows to validate on (see {@link #validationIndicatorCol()}).
     *
     * @param value the column's name; null or empty for none
     * @return this instance
     */
    default T setValidationIndicatorCol(String value) {
        return setTyped(validationIndicatorCol(), value);
    }

    /**
     * Sets where fits write their checkpoints (see {@link #checkpointDir()}).
     *
     * @param value a directory on any Hadoop file system; null or empty for no checkpoints
     * @return this instance
     */
    default T setCheckpointDir(String value) {
        return setTyped(checkpointDir(), value);
    }

    /**
     * Sets the sizes of the hidden layers, e.g. {@code setHiddenLayers(128, 64)}.
     *
     * @param value the sizes, first hidden layer first; none for a linear model
     * @return this instance
     */
    default T setHiddenLayers(int... value) {
        return setTyped(hiddenLayers(), value);
    }

    /**
     * Sets the activation of the hidden layers.
     *
     * @param value its id, e.g. {@code relu} or {@code tanh}
     * @return this instance
     */
    default T setActivation(String value) {
        return setTyped(activation(), value);
    }

    /**
     * Sets the loss (see {@link #loss()}).
     *
     * @param value {@code auto}, {@code cross-entropy} or {@code squared}
     * @return this instance
     */
    default T setLoss(String value) {
        return setTyped(loss(), value);
    }

    /**
     * Sets the optimizer (see {@link #optimizer()}).
     *
     * @param value {@code auto}, {@code gd}, {@code momentum}, {@code adam}, {@code adamw} or {@code lbfgs}
     * @return this instance
     */
    default T setOptimizer(String value) {
        return setTyped(optimizer(), value);
    }

    /**
     * Sets the step size alpha, the base of the learning-rate schedule.
     *
     * @param value the step size, &gt;= 0; 0 for the optimizer's own
     * @return this instance
     */
    default T setStepSize(double value) {
        return setTyped(stepSize(), value);
    }

    /**
     * Sets the number of iterations.
     *
     * @param value the number of iterations, at least 1
     * @return this instance
     */
    default T setMaxIter(int value) {
        return setTyped(maxIter(), value);
    }

    /**
     * Sets the seeded fraction of the rows each iteration uses.
     *
     * @param value the fraction, in (0, 1]; 1 for full batch
     * @return this instance
     */
    default T setBatchFraction(double value) {
        return setTyped(batchFraction(), value);
    }

    /**
     * Sets the L2 penalty lambda on the weights (see {@link #regParam()}).
     *
     * @param value the penalty, &gt;= 0, or -1 for the default one
     * @return this instance
     */
    default T setRegParam(double value) {
        return setTyped(regParam(), value);
    }

    /**
     * Sets the relative change of the cost below which training stops.
     *
     * @param value the tolerance, &gt;= 0; 0 for none
     * @return this instance
     */
    default T setTol(double value) {
        return setTyped(tol(), value);
    }

    /**
     * Sets the seed of the initial weights, the mini-batches and the held-out splits.
     *
     * @param value the seed
     * @return this instance
     */
    default T setSeed(long value) {
        return setTyped(seed(), value);
    }

    /**
     * Sets the rows stacked into one cached block for the matrix products.
     *
     * @param value the number of rows, at most 1,048,576; 0 for about 4 MB of features a block
     * @return this instance
     */
    default T setBlockSize(int value) {
        return setTyped(blockSize(), value);
    }

    /**
     * "float64" (the default) or "float32": the arithmetic of the tasks.
     *
     * @param value {@code float64} or {@code float32}
     * @return this instance
     */
    default T setPrecision(String value) {
        return setTyped(precision(), value);
    }

    /**
     * Sets the number of iterations between checkpoints, when checkpointDir is set.
     *
     * @param value the interval, at least 1
     * @return this instance
     */
    default T setCheckpointInterval(int value) {
        return setTyped(checkpointInterval(), value);
    }

    @SuppressWarnings("unchecked")
    private <V> T setTyped(Param<V> param, V value) {
        set(param, value);
        return (T) this;
    }

    private String optionalString(Param<String> param) {
        if (!isDefined(param)) {
            return null;
        }
        String value = getOrDefault(param);
        return value == null || value.isEmpty() ? null : value;
    }
}
