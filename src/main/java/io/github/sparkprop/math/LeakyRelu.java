package io.github.sparkprop.math;

/**
 * The leaky rectifier (Maas et al. 2013), f(z) = z for z &gt; 0, else {@link #SLOPE} z: negative inputs keep a
 * small gradient. f' = 1 where a &gt; 0 (z and a have the same sign), else the slope.
 */
record LeakyRelu() implements Activation {

    /** The slope for negative inputs. */
    static final double SLOPE = 0.01;

    @Override
    public String id() {
        return "leaky-relu";
    }

    /** a = z for z &gt;= 0, else 0.01 z. */
    @Override
    public void apply(double[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            if (z[i] < 0.0) {
                z[i] *= SLOPE;
            }
        }
    }

    /** a = z for z &gt;= 0, else 0.01 z, in float. */
    @Override
    public void apply(float[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            if (z[i] < 0.0f) {
                z[i] *= (float) SLOPE;
            }
        }
    }

    /** delta *= 0.01 where a &lt;= 0 (f' = 1 above). */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] <= 0.0) {
                delta[i] *= SLOPE;
            }
        }
    }

    /** delta *= 0.01 where a &lt;= 0, in float. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] <= 0.0f) {
                delta[i] *= (float) SLOPE;
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

    /** He's, as for the rectifier. */
    @Override
    public WeightInit.Scheme weightInit() {
        return WeightInit.Scheme.HE;
    }

    /** LeakyRelu(z) with alpha 0.01. */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return nodes.unary("LeakyRelu", z, "alpha", (float) SLOPE);
    }
}
