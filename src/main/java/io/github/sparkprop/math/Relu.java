package io.github.sparkprop.math;

/** The rectifier, f(z) = max(0, z); f' = 1 where z &gt; 0 (equivalently a &gt; 0), else 0. */
record Relu() implements Activation {

    @Override
    public String id() {
        return "relu";
    }

    /** a = max(0, z). */
    @Override
    public void apply(double[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            if (z[i] < 0.0) {
                z[i] = 0.0;
            }
        }
    }

    /** a = max(0, z), in float. */
    @Override
    public void apply(float[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            if (z[i] < 0.0f) {
                z[i] = 0.0f;
            }
        }
    }

    /** delta = 0 where a &lt;= 0: f' is 1 for a &gt; 0, 0 below (and at the kink, z = 0). */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] <= 0.0) {
                delta[i] = 0.0;
            }
        }
    }

    /** delta = 0 where a &lt;= 0, in float. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] <= 0.0f) {
                delta[i] = 0.0f;
            }
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

    /** He's: the derivative is 0 for half the inputs. */
    @Override
    public WeightInit.Scheme weightInit() {
        return WeightInit.Scheme.HE;
    }

    /** Relu(z). */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return nodes.unary("Relu", z);
    }
}
