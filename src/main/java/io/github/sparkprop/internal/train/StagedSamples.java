package io.github.sparkprop.internal.train;

import io.github.sparkprop.math.Precision;
import java.util.Arrays;

/**
 * Dense samples put aside to go through forward and backward propagation together: small blocks (a
 * partition of a few rows, a partition's last rows, a small mini-batch's share of a block) would each cost
 * a sweep over all the weights for a handful of samples, which on a large network and many partitions costs
 * more than the arithmetic; stacked here, an executor's small blocks make one GEMM-sized block.
 * Features are n_0 x capacity, column-major, as in a block, in the precision of the blocks staged.
 */
final class StagedSamples {

    /** The features of a full stage, at most (4 MB of float64). */
    static final int MAX_VALUES = 1 << 19;

    /** The most samples a stage holds. */
    static final int MAX_ROWS = 1024;

    private final int inputs;
    private final Precision precision;
    private final Object features;
    private final double[] labels;
    private final double[] weights;
    private int size;
    private boolean weighted;

    StagedSamples(int inputs, Precision precision) {
        this.inputs = inputs;
        this.precision = precision;
        int capacity = capacity(inputs);
        this.features = precision.allocate(capacity * inputs);
        this.labels = new double[capacity];
        this.weights = new double[capacity];
    }

    /** The samples a stage of n_0 inputs holds: 4 MB of features, from 1 to {@link #MAX_ROWS}. */
    static int capacity(int inputs) {
        return Math.max(1, Math.min(MAX_ROWS, MAX_VALUES / Math.max(1, inputs)));
    }

    /** Whether a block of this many samples is small enough to stage: a quarter of a stage or less. */
    static boolean stages(int inputs, int samples) {
        return samples > 0 && 4L * samples <= capacity(inputs) && capacity(inputs) > 1;
    }

    /** Whether this many more samples fit. */
    boolean fits(int samples) {
        return size + samples <= labels.length;
    }

    /** The precision of the staged features. */
    Precision precision() {
        return precision;
    }

    /**
     * Appends the first {@code samples} samples of a block (n_0 x samples features, column-major, of this
     * stage's precision; weights null for 1).
     */
    void append(Object x, double[] y, double[] w, int samples) {
        System.arraycopy(x, 0, features, size * inputs, samples * inputs);
        System.arraycopy(y, 0, labels, size, samples);
        if (w != null) {
            if (!weighted) {
                Arrays.fill(weights, 0, size, 1.0);
                weighted = true;
            }
            System.arraycopy(w, 0, weights, size, samples);
        } else if (weighted) {
            Arrays.fill(weights, size, size + samples, 1.0);
        }
        size += samples;
    }

    int size() {
        return size;
    }

    /** The features: a double[] or a float[], as the precision says. */
    Object features() {
        return features;
    }

    double[] labels() {
        return labels;
    }

    /** The samples' weights, or null when none was given (all 1). */
    double[] weights() {
        return weighted ? weights : null;
    }

    void clear() {
        size = 0;
        weighted = false;
    }
}
