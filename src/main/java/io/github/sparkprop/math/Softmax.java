package io.github.sparkprop.math;

/**
 * f(z)_k = e^{z_k} / sum_j e^{z_j} over the units of one sample: output layers only, fused with cross-entropy
 * (delta = a - y, {@link OutputLayer}), and computed in double in every precision, so it has neither a
 * derivative nor a float form.
 */
record Softmax() implements Activation {

    @Override
    public String id() {
        return "softmax";
    }

    /**
     * a_k = e^{z_k - max} / sum_j e^{z_j - max} per column: the column maximum is subtracted before
     * exponentiating, so no exponent overflows.
     */
    @Override
    public void apply(double[] z, int units, int samples) {
        for (int col = 0, start = 0; col < samples; col++, start += units) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = start; i < start + units; i++) {
                max = Math.max(max, z[i]);
            }
            double sum = 0.0;
            for (int i = start; i < start + units; i++) {
                z[i] = Math.exp(z[i] - max);
                sum += z[i];
            }
            for (int i = start; i < start + units; i++) {
                z[i] /= sum;
            }
        }
    }

    /** Output layers are computed in double in every precision ({@link Precision#lossAndDelta}). */
    @Override
    public void apply(float[] z, int units, int samples) {
        throw new UnsupportedOperationException("softmax is an output activation only, computed in double");
    }

    /** Softmax is only an output activation, fused with cross-entropy (delta = a - y). */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        throw new UnsupportedOperationException("softmax is an output activation only");
    }

    /** As the double form: there is none. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        throw new UnsupportedOperationException("softmax is an output activation only");
    }

    @Override
    public boolean needsZ() {
        return false;
    }

    @Override
    public boolean isHiddenCapable() {
        return false;
    }

    @Override
    public WeightInit.Scheme weightInit() {
        return WeightInit.Scheme.GLOROT;
    }

    /** Softmax(z) over axis 1, the units of each sample (a row of the graph). */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        return nodes.unary("Softmax", z, "axis", 1);
    }
}
