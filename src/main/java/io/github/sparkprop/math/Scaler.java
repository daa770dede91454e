package io.github.sparkprop.math;

import java.io.Serializable;

/**
 * Standardisation applied to every sample before the first layer: x_i &lt;- (x_i - mean_i) / std_i.
 * {@code std} holds the divisor: the population standard deviation, or 1 for a constant column.
 *
 * @param mean mean_i per feature, all finite; all 0 for a scaler that does not centre
 * @param std  std_i per feature, all finite and &gt; 0; as many as means
 * @serial exclude
 */
public record Scaler(double[] mean, double[] std) implements Serializable {

    /**
     * Checks the arrays, which the scaler keeps (not copies).
     *
     * @param mean mean_i per feature, all finite; all 0 for a scaler that does not centre
     * @param std  std_i per feature, all finite and &gt; 0; as many as means
     * @throws IllegalArgumentException when the lengths differ or an entry is out of range
     */
    public Scaler {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("scaler mean has " + mean.length + " entries, std " + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || Double.isInfinite(std[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("scaler entry " + i + " must have a finite mean and a positive "
                        + "std, got mean " + mean[i] + ", std " + std[i]);
            }
        }
    }

    /**
     * The scaler for population variances: std_i = sqrt(variance_i), replaced by 1 where it is 0.
     *
     * @param mean               the features' means, copied when centring, else only their number is used
     * @param populationVariance the features' population variances (1/m, not 1/(m - 1)), as many as means; a
     *                           negative one (rounding) counts as 0
     * @param center             whether to subtract the mean; not for vector (possibly sparse) features, whose
     *                           zeros would all become non-zero: their mean is stored as 0
     * @return a scaler of a copy of mean (zeros unless center) and the standard deviations (1 where 0)
     */
    public static Scaler fromMoments(double[] mean, double[] populationVariance, boolean center) {
        double[] std = new double[mean.length];
        for (int i = 0; i < std.length; i++) {
            double s = Math.sqrt(Math.max(populationVariance[i], 0.0));
            std[i] = s > 0 ? s : 1.0;
        }
        return new Scaler(center ? mean.clone() : new double[mean.length], std);
    }

    /**
     * Standardises the n values of one sample stored at x[offset..offset+n).
     *
     * @param x      an array holding the sample's n = {@link #size()} feature values; standardised in place
     * @param offset the index of the sample's first value in x
     */
    public void apply(double[] x, int offset) {
        for (int i = 0; i < mean.length; i++) {
            x[offset + i] = (x[offset + i] - mean[i]) / std[i];
        }
    }

    /**
     * Scales the non-zeros of a sparse sample, x_i &lt;- x_i / std_i. Sparse samples are never centred (that
     * would make every zero non-zero), so a scaler for them has mean 0: see {@link #centres()}.
     *
     * @param indices the feature indices i of the sample's non-zeros
     * @param values  the non-zeros x_i, in the order of indices; scaled in place
     */
    public void applySparse(int[] indices, double[] values) {
        for (int k = 0; k < indices.length; k++) {
            values[k] /= std[indices[k]];
        }
    }

    /**
     * Whether any mean is non-zero, i.e. the scaler centres the features.
     *
     * @return false when every mean is 0 (the scaler only divides)
     */
    public boolean centres() {
        for (double m : mean) {
            if (m != 0.0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The number of features.
     *
     * @return n, the length of mean and std
     */
    public int size() {
        return mean.length;
    }
}
