package io.github.sparkprop.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params of sparkprop's estimators and models (beside the column params their Spark base classes
 * have): accessors, getters and setters over the {@link SparkPropParamSet} each instance owns. Spark ML
 * finds the params through the public methods that return them.
 *
 * @param <T> the implementing class, which the setters return
 */
public interface SparkPropParams<T extends SparkPropParams<T>> extends Params {

    /** The param objects this instance owns. */
    SparkPropParamSet paramSet();

    default Param<String> weightCol() {
        return paramSet().weightCol;
    }

    default IntArrayParam hiddenLayers() {
        return paramSet().hiddenLayers;
    }

    default Param<String> activation() {
        return paramSet().activation;
    }

    default Param<String> loss() {
        return paramSet().loss;
    }

    default Param<String> optimizer() {
        return paramSet().optimizer;
    }

    default DoubleParam stepSize() {
        return paramSet().stepSize;
    }

    default IntParam maxIter() {
        return paramSet().maxIter;
    }

    default DoubleParam batchFraction() {
        return paramSet().batchFraction;
    }

    default DoubleParam regParam() {
        return paramSet().regParam;
    }

    default DoubleParam tol() {
        return paramSet().tol;
    }

    default LongParam seed() {
        return paramSet().seed;
    }

    default IntParam blockSize() {
        return paramSet().blockSize;
    }

    default Param<String> validationIndicatorCol() {
        return paramSet().validationIndicatorCol;
    }

    default Param<String> checkpointDir() {
        return paramSet().checkpointDir;
    }

    default IntParam checkpointInterval() {
        return paramSet().checkpointInterval;
    }

    /** The weight column, or null when unset or empty. */
    default String getWeightCol() {
        return optionalString(weightCol());
    }

    default int[] getHiddenLayers() {
        return getOrDefault(hiddenLayers());
    }

    default String getActivation() {
        return getOrDefault(activation());
    }

    default String getLoss() {
        return getOrDefault(loss());
    }

    default String getOptimizer() {
        return getOrDefault(optimizer());
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

    /** The validation indicator column, or null when unset or empty. */
    default String getValidationIndicatorCol() {
        return optionalString(validationIndicatorCol());
    }

    /** The checkpoint directory, or null when unset or empty. */
    default String getCheckpointDir() {
        return optionalString(checkpointDir());
    }

    default int getCheckpointInterval() {
        return (Integer) getOrDefault(checkpointInterval());
    }

    default T setWeightCol(String value) {
        return setParam(weightCol(), value);
    }

    default T setHiddenLayers(int... value) {
        return setParam(hiddenLayers(), value);
    }

    default T setActivation(String value) {
        return setParam(activation(), value);
    }

    default T setLoss(String value) {
        return setParam(loss(), value);
    }

    default T setOptimizer(String value) {
        return setParam(optimizer(), value);
    }

    default T setStepSize(double value) {
        return setParam(stepSize(), value);
    }

    default T setMaxIter(int value) {
        return setParam(maxIter(), value);
    }

    default T setBatchFraction(double value) {
        return setParam(batchFraction(), value);
    }

    default T setRegParam(double value) {
        return setParam(regParam(), value);
    }

    default T setTol(double value) {
        return setParam(tol(), value);
    }

    default T setSeed(long value) {
        return setParam(seed(), value);
    }

    default T setBlockSize(int value) {
        return setParam(blockSize(), value);
    }

    default T setValidationIndicatorCol(String value) {
        return setParam(validationIndicatorCol(), value);
    }

    default T setCheckpointDir(String value) {
        return setParam(checkpointDir(), value);
    }

    default T setCheckpointInterval(int value) {
        return setParam(checkpointInterval(), value);
    }

    @SuppressWarnings("unchecked")
    private <V> T setParam(Param<V> param, V value) {
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
