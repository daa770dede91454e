package io.github.sparkprop.math;

/** The logistic function, f(z) = 1 / (1 + e^-z), f' = a (1 - a). */
record Sigmoid() implements Activation {

    @Override
    public String id() {
        return "sigmoid";
    }

    /** a = 1 / (1 + e^-z), through {@link Elementwise#sigmoid(double[], int)} (no overflow for any z). */
    @Override
    public void apply(double[] z, int units, int samples) {
        Elementwise.sigmoid(z, units * samples);
    }

    /** a = 1 / (1 + e^-z), in float. */
    @Override
    public void apply(float[] z, int units, int samples) {
        Elementwise.sigmoid(z, units * samples);
    }

    /** delta *= a (1 - a). */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] *= a[i] * (1.0 - a[i]);
        }
    }

    /** delta *= a (1 - a), in float. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] *= a[i] * (1.0f - a[i]);
        }
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

    /** Sigmoid(z). */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return nodes.unary("Sigmoid", z);
    }
}
