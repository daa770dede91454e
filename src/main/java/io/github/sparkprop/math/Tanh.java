package io.github.sparkprop.math;

/** The hyperbolic tangent, f(z) = tanh(z), f' = 1 - a^2. */
record Tanh() implements Activation {

    @Override
    public String id() {
        return "tanh";
    }

    /** a = tanh(z), through {@link Elementwise#tanh(double[], int)} (the Vector API where there is one). */
    @Override
    public void apply(double[] z, int units, int samples) {
        Elementwise.tanh(z, units * samples);
    }

    /** a = tanh(z), in float. */
    @Override
    public void apply(float[] z, int units, int samples) {
        Elementwise.tanh(z, units * samples);
    }

    /** delta *= 1 - a^2. */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] *= 1.0 - a[i] * a[i];
        }
    }

    /** delta *= 1 - a^2, in float. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] *= 1.0f - a[i] * a[i];
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

    /** Tanh(z). */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return nodes.unary("Tanh", z);
    }
}
