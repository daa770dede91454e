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

    /** The param objects this instance owns. */
    SparkPropParamSet paramSet();

    @SuppressWarnings("unchecked")
    default Param<String> weightCol() {
        return (Param<String>) paramSet().named("weightCol");
    }

    @SuppressWarnings("unchecked")
    default Param<String> validationIndicatorCol() {
        return (Param<String>) paramSet().named("validationIndicatorCol");
    }

    @SuppressWarnings("unchecked")
    default Param<String> checkpointDir() {
        return (Param<String>) paramSet().named("checkpointDir");
    }

    @SuppressWarnings("unchecked")
    default IntArrayParam hiddenLayers() {
        return (IntArrayParam) paramSet().named("hiddenLayers");
    }

    @SuppressWarnings("unchecked")
    default Param<String> activation() {
        return (Param<String>) paramSet().named("activation");
    }

    @SuppressWarnings("unchecked")
    default Param<String> loss() {
        return (Param<String>) paramSet().named("loss");
    }

    @SuppressWarnings("unchecked")
    default Param<String> optimizer() {
        return (Param<String>) paramSet().named("optimizer");
    }

    @SuppressWarnings("unchecked")
    default DoubleParam stepSize() {
        return (DoubleParam) paramSet().named("stepSize");
    }

    @SuppressWarnings("unchecked")
    default IntParam maxIter() {
        return (IntParam) paramSet().named("maxIter");
    }

    @SuppressWarnings("unchecked")
    default DoubleParam batchFraction() {
        return (DoubleParam) paramSet().named("batchFraction");
    }

    @SuppressWarnings("unchecked")
    default DoubleParam regParam() {
        return (DoubleParam) paramSet().named("regParam");
    }

    @SuppressWarnings("unchecked")
    default DoubleParam tol() {
        return (DoubleParam) paramSet().named("tol");
    }

    @SuppressWarnings("unchecked")
    default LongParam seed() {
        return (LongParam) paramSet().named("seed");
    }

    @SuppressWarnings("unchecked")
    default Param<String> precision() {
        return (Param<String>) paramSet().named("precision");
    }

    @SuppressWarnings("unchecked")
    default IntParam blockSize() {
        return (IntParam) paramSet().named("blockSize");
    }

    @SuppressWarnings("unchecked")
    default IntParam checkpointInterval() {
        return (IntParam) paramSet().named("checkpointInterval");
    }

    /**
     * Sets a param by name, e.g. {@code setParam("weightDecay", 0.05)}: any number for a numeric param, a
     * String for a choice, an int[] for sizes.
     *
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

    /** The value of a param by name (its default when unset). */
    default Object getParamValue(String name) {
        return getOrDefault(getParam(name));
    }

    /** The weight column, or null when unset or empty. */
    default String getWeightCol() {
        return optionalString(weightCol());
    }

    /** The validation indicator column, or null when unset or empty. */
    default String getValidationIndicatorCol() {
        return optionalString(validationIndicatorCol());
    }

    /** The checkpoint directory, or null when unset or empty. */
    default String getCheckpointDir() {
        return optionalString(checkpointDir());
    }

    default int[] getHiddenLayers() {
        return (int[]) getOrDefault(hiddenLayers());
    }

    default String getActivation() {
        return (String) getOrDefault(activation());
    }

    default String getLoss() {
        return (String) getOrDefault(loss());
    }

    default String getOptimizer() {
        return (String) getOrDefault(optimizer());
    }

    default double getStepSize() {
        return (Double) getOrDefault(stepSize());
    }

    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    default double getBatchFraction() {
        return (Double) getOrDefault(batchFraction());
    }

    default double getRegParam() {
        return (Double) getOrDefault(regParam());
    }

    default double getTol() {
        return (Double) getOrDefault(tol());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default int getBlockSize() {
        return (Integer) getOrDefault(blockSize());
    }

    default String getPrecision() {
        return (String) getOrDefault(precision());
    }

    default int getCheckpointInterval() {
        return (Integer) getOrDefault(checkpointInterval());
    }

    default T setWeightCol(String value) {
        return setTyped(weightCol(), value);
    }

    default T setValidationIndicatorCol(String value) {
        return setTyped(validationIndicatorCol(), value);
    }

    default T setCheckpointDir(String value) {
        return setTyped(checkpointDir(), value);
    }

    default T setHiddenLayers(int... value) {
        return setTyped(hiddenLayers(), value);
    }

    default T setActivation(String value) {
        return setTyped(activation(), value);
    }

    default T setLoss(String value) {
        return setTyped(loss(), value);
    }

    default T setOptimizer(String value) {
        return setTyped(optimizer(), value);
    }

    default T setStepSize(double value) {
        return setTyped(stepSize(), value);
    }

    default T setMaxIter(int value) {
        return setTyped(maxIter(), value);
    }

    default T setBatchFraction(double value) {
        return setTyped(batchFraction(), value);
    }

    default T setRegParam(double value) {
        return setTyped(regParam(), value);
    }

    default T setTol(double value) {
        return setTyped(tol(), value);
    }

    default T setSeed(long value) {
        return setTyped(seed(), value);
    }

    default T setBlockSize(int value) {
        return setTyped(blockSize(), value);
    }

    /** "float64" (the default) or "float32": the arithmetic of the tasks. */
    default T setPrecision(String value) {
        return setTyped(precision(), value);
    }

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
