package io.github.sparkprop.math;

/**
 * The sigmoid-weighted linear unit, or swish with beta 1 (Elfwing et al. 2018; Ramachandran et al. 2017):
 *
 * <pre>
 *   f(z)  = z s(z),   s(z) = 1 / (1 + e^-z)
 *   f'(z) = s + z s (1 - s)
 * </pre>
 *
 * f is not monotonic (its minimum, -0.28, is at z = -1.28), so a does not determine z: f' is computed from z
 * ({@link #needsZ}). Initial weights are He's: like a rectifier, f is about 0 for negative z and about z for
 * positive z.
 */
record Silu() implements Activation {

    @Override
    public String id() {
        return "silu";
    }

    /** a = z s(z), s without overflow for any z ({@link Elementwise#logistic}). */
    @Override
    public void apply(double[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            z[i] *= Elementwise.logistic(z[i]);
        }
    }

    /** a = z s(z), computed in double and rounded to float. */
    @Override
    public void apply(float[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            z[i] = (float) (z[i] * Elementwise.logistic(z[i]));
        }
    }

    /** delta *= s + z s (1 - s). */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] *= derivative(z[i]);
        }
    }

    /** delta *= s + z s (1 - s), the derivative computed in double. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] = (float) (delta[i] * derivative(z[i]));
        }
    }

    @Override
    public boolean needsZ() {
        return true;
    }

    @Override
    public boolean isHiddenCapable() {
        return true;
    }

    @Override
    public WeightInit.Scheme weightInit() {
        return WeightInit.Scheme.HE;
    }

    /** z Sigmoid(z). */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return nodes.binary("Mul", z, nodes.unary("Sigmoid", z));
    }

    /**
     * f'(z) = s + z s (1 - s), with s = s(z) and 1 - s = s(-z) both from e = e^{-|z|}: 1 / (1 + e) and e / (1 + e).
     * No exponential overflows, and 1 - s is not computed as a difference, which for large z would lose all its
     * digits.
     */
    static double derivative(double z) {
        double e = Math.exp(-Math.abs(z));
        double large = 1.0 / (1.0 + e);
        double small = e * large;
        double s = z >= 0.0 ? large : small;
        double complement = z >= 0.0 ? small : large;
        return s + z * s * complement;
    }
}
