package io.github.sparkprop.math;

/** The identity, f(z) = z, f' = 1: linear layers, and the output of a regression. */
record Identity() implements Activation {

    @Override
    public String id() {
        return "identity";
    }

    /** a = z: nothing to do. */
    @Override
    public void apply(double[] z, int units, int samples) {
    }

    /** a = z: nothing to do. */
    @Override
    public void apply(float[] z, int units, int samples) {
    }

    /** f' = 1: delta stays. */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
    }

    /** f' = 1: delta stays. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
    }

    @Override
    public boolean needsZ() {
        return false;
    }

    @Override
    public boolean isHiddenCapable() {
        return true;
    }

    @Override
    public WeightInit.Scheme weightInit() {
        return WeightInit.Scheme.GLOROT;
    }

    /** z itself: no node. */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return z;
    }
}
