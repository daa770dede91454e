package io.github.sparkprop.data;

import java.io.Serializable;

/**
 * The count, mean and sum of squared deviations of each input over the rows that have a value there (NaN:
 * missing, passed over), by Welford's update and merged by Chan's formula:
 * for a new value v, n += 1, delta = v - mean, mean += delta / n, M2 += delta (v - mean); merging (n_a, mean_a,
 * M2_a) with (n_b, mean_b, M2_b), n = n_a + n_b, delta = mean_b - mean_a, mean = mean_a + delta n_b / n,
 * M2 = M2_a + M2_b + delta^2 n_a n_b / n.
 */
final class SlotMoments implements Serializable {

    private final long[] count;
    private final double[] mean;
    private final double[] m2;

    SlotMoments(int slots) {
        count = new long[slots];
        mean = new double[slots];
        m2 = new double[slots];
    }

    /** Adds the values x[offset .. offset + slots), NaN ones not. */
    void add(double[] x, int offset) {
        for (int k = 0; k < count.length; k++) {
            double v = x[offset + k];
            if (Double.isNaN(v)) {
                continue;
            }
            long n = ++count[k];
            double delta = v - mean[k];
            mean[k] += delta / n;
            m2[k] += delta * (v - mean[k]);
        }
    }

    /** Merges another partition's moments into these. */
    SlotMoments merge(SlotMoments other) {
        for (int k = 0; k < count.length; k++) {
            merge(k, other.count[k], other.mean[k], other.m2[k]);
        }
        return this;
    }

    private void merge(int k, long n, double otherMean, double otherM2) {
        if (n == 0) {
            return;
        }
        long total = count[k] + n;
        double delta = otherMean - mean[k];
        mean[k] += delta * n / total;
        m2[k] += otherM2 + delta * delta * ((double) count[k] * n / total);
        count[k] = total;
    }

    /** The values counted at input k. */
    long count(int k) {
        return count[k];
    }

    /** The mean of the values at each input (NaN where there is none). */
    double[] observedMean() {
        double[] means = mean.clone();
        for (int k = 0; k < means.length; k++) {
            if (count[k] == 0) {
                means[k] = Double.NaN;
            }
        }
        return means;
    }

    /**
     * The means and population variances (divisor n) of every input over {@code rows} rows, where the rows
     * without a value at input k hold fills[k] (fills may be null when every row has every value).
     *
     * @return {means, variances}
     */
    double[][] withFills(long rows, double[] fills) {
        SlotMoments all = new SlotMoments(count.length);
        all.merge(this);
        for (int k = 0; k < count.length; k++) {
            long missing = rows - count[k];
            if (missing > 0) {
                all.merge(k, missing, fills[k], 0.0);
            }
        }
        double[] variance = new double[count.length];
        for (int k = 0; k < count.length; k++) {
            variance[k] = all.count[k] > 0 ? all.m2[k] / all.count[k] : 0.0;
        }
        return new double[][] {all.mean, variance};
    }
}
