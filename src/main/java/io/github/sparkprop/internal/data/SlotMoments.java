package io.github.sparkprop.internal.data;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The count, mean and population variance of each input over the rows that have a value there (NaN: missing,
 * passed over). The values added to one object (one partition's, in the partition's order) are summarised by
 * Welford's update: for a new value v, n += 1, delta = v - mean, mean += delta / n, M2 += delta (v - mean).
 * Merged parts are summed as S = sum n_p mean_p and Q = sum (M2_p + n_p mean_p^2) in 34-digit decimals, then
 * mean = S / n and variance = Q / n - mean^2: sums that do not depend on the order in which Spark merges the
 * partitions (a double sum would, in its last bits), so that the same rows always give the same scaler, fill
 * values and cached blocks, as a checkpoint of the run must find them again.
 */
final class SlotMoments implements Serializable {

    private static final MathContext DIGITS = MathContext.DECIMAL128;

    /** The values added here, their mean and their sum of squared deviations (Welford). */
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    /** The merged parts': their values, S and Q (null until a merge). */
    private long[] mergedCount;
    private BigDecimal[] sum;
    private BigDecimal[] squares;

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

    /** Merges another part's moments into these (in any order: see the class comment). */
    SlotMoments merge(SlotMoments other) {
        for (int k = 0; k < count.length; k++) {
            mergeValues(k, other.count[k], other.mean[k], other.m2[k]);
            if (other.sum != null) {
                mergedCount[k] += other.mergedCount[k];
                sum[k] = sum[k].add(other.sum[k], DIGITS);
                squares[k] = squares[k].add(other.squares[k], DIGITS);
            }
        }
        return this;
    }

    /** Adds n values of mean m and sum of squared deviations q to the merged sums. */
    private void mergeValues(int k, long n, double m, double q) {
        if (sum == null) {
            mergedCount = new long[count.length];
            sum = new BigDecimal[count.length];
            squares = new BigDecimal[count.length];
            java.util.Arrays.fill(sum, BigDecimal.ZERO);
            java.util.Arrays.fill(squares, BigDecimal.ZERO);
        }
        if (n == 0) {
            return;
        }
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal partMean = new BigDecimal(m);
        mergedCount[k] += n;
        sum[k] = sum[k].add(count.multiply(partMean, DIGITS), DIGITS);
        squares[k] = squares[k].add(new BigDecimal(q).add(count.multiply(partMean.multiply(partMean, DIGITS), DIGITS),
                DIGITS), DIGITS);
    }

    /** The values counted at input k. */
    long count(int k) {
        return count[k] + (mergedCount == null ? 0 : mergedCount[k]);
    }

    /** The mean of the values at each input (NaN where there is none). */
    double[] observedMean() {
        SlotMoments all = totals();
        double[] means = new double[count.length];
        for (int k = 0; k < means.length; k++) {
            means[k] = all.mergedCount[k] == 0 ? Double.NaN
                    : all.sum[k].divide(BigDecimal.valueOf(all.mergedCount[k]), DIGITS).doubleValue();
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
        SlotMoments all = totals();
        double[] means = new double[count.length];
        double[] variance = new double[count.length];
        for (int k = 0; k < count.length; k++) {
            long missing = rows - all.mergedCount[k];
            if (missing > 0) {
                all.mergeValues(k, missing, fills[k], 0.0);
            }
            if (all.mergedCount[k] == 0) {
                continue;
            }
            BigDecimal n = BigDecimal.valueOf(all.mergedCount[k]);
            BigDecimal m = all.sum[k].divide(n, DIGITS);
            means[k] = m.doubleValue();
            variance[k] = Math.max(0, all.squares[k].divide(n, DIGITS).subtract(m.multiply(m, DIGITS), DIGITS)
                    .doubleValue());
        }
        return new double[][] {means, variance};
    }

    /** Everything counted, own values and merged parts alike, as merged sums of a new object. */
    private SlotMoments totals() {
        SlotMoments all = new SlotMoments(count.length);
        all.merge(this);
        return all;
    }
}
