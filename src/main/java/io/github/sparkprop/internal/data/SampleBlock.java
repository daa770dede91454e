package io.github.sparkprop.internal.data;

import java.io.Serializable;

import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.SparseColumns;

/**
 * Up to B samples stacked as the columns of one matrix: features n_0 x size, dense column-major (sample
 * j's features at [j n_0, (j+1) n_0)) or sparse (only the non-zeros, in compressed sparse columns), one
 * label per sample (class index or regression target), each sample's stable row id (for seeded
 * mini-batches) and, for weighted data, each sample's weight. A block holds training, validation or test
 * samples only. Built once when the data are cached; never re-parsed.
 */
public final class SampleBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] features;
    /** Dense features in float32, when the block was {@link #narrowed()} (features is then null). */
    private final float[] floatFeatures;
    private final SparseColumns sparse;
    private final double[] labels;
    private final long[] ids;
    private final double[] weights;
    private final HoldOut.Role role;

    /**
     * @param features dense features, or null when {@code sparse} holds them
     * @param sparse   sparse features, or null when they are dense
     * @param weights  one weight per sample, or null when all are 1
     */
    public SampleBlock(double[] features, SparseColumns sparse, double[] labels, long[] ids, double[] weights,
            HoldOut.Role role) {
        this(features, null, sparse, labels, ids, weights, role);
    }

    private SampleBlock(double[] features, float[] floatFeatures, SparseColumns sparse, double[] labels, long[] ids,
            double[] weights, HoldOut.Role role) {
        int size = labels.length;
        boolean consistent = (features == null && floatFeatures == null) != (sparse == null)
                && (features == null || floatFeatures == null) && (ids == null || ids.length == size)
                && (weights == null || weights.length == size)
                && (features == null || size == 0 || features.length % size == 0)
                && (sparse == null || sparse.cols() == size);
        if (!consistent) {
            throw new IllegalArgumentException("inconsistent block of " + size + " samples");
        }
        this.features = features;
        this.floatFeatures = floatFeatures;
        this.sparse = sparse;
        this.labels = labels;
        this.ids = ids;
        this.weights = weights;
        this.role = role;
    }

    /** Dense features, n_0 x size, column-major; null for a sparse or a float32 block. */
    public double[] features() {
        return features;
    }

    /** Dense float32 features, n_0 x size, column-major; null unless the block is {@link #isFloat()}. */
    public float[] floatFeatures() {
        return floatFeatures;
    }

    /** Whether the block holds dense features in float32. */
    public boolean isFloat() {
        return floatFeatures != null;
    }

    /** The dense features, a double[] or (float32) a float[]; null for a sparse block. */
    public Object denseFeatures() {
        return features != null ? features : floatFeatures;
    }

    /**
     * The block with its features in float32, for float32 training: dense features narrowed (half the bytes);
     * sparse ones that the network would multiply densely anyway ({@link Backprop#computesDensely}: 10 % or
     * more non-zeros) written out densely in float32 once, here, instead of in double on every pass; sparser
     * blocks, and float32 ones, as they are (a sparse first layer multiplies only the non-zeros, in double).
     */
    public SampleBlock narrowed() {
        double[] dense = features;
        if (dense == null && sparse != null && Backprop.computesDensely(sparse)) {
            dense = new double[sparse.rows() * sparse.cols()];
            sparse.writeDense(dense);
        }
        if (dense == null) {
            return this;
        }
        float[] narrow = new float[dense.length];
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = (float) dense[i];
        }
        return new SampleBlock(null, narrow, null, labels, ids, weights, role);
    }

    /**
     * A float32 block's features in double, written into {@code buffer} when it is large enough, else into a
     * new array (returned: keep it as the next call's buffer). For scoring, which runs in double in every
     * precision.
     *
     * @throws IllegalStateException for a block that is not {@link #isFloat()}
     */
    public double[] widenInto(double[] buffer) {
        if (floatFeatures == null) {
            throw new IllegalStateException("not a float32 block");
        }
        double[] wide = buffer != null && buffer.length >= floatFeatures.length ? buffer
                : new double[floatFeatures.length];
        for (int i = 0; i < floatFeatures.length; i++) {
            wide[i] = floatFeatures[i];
        }
        return wide;
    }

    /** Sparse features, n_0 x size; null for a dense block. */
    public SparseColumns sparse() {
        return sparse;
    }

    public boolean isSparse() {
        return sparse != null;
    }

    public double[] labels() {
        return labels;
    }

    /** The stable row id of each sample, or null when the blocks were built without (full-batch runs). */
    public long[] ids() {
        return ids;
    }

    /** The weight of each sample, or null when all are 1. */
    public double[] weights() {
        return weights;
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }

    /** What the block's samples are for. */
    public HoldOut.Role role() {
        return role;
    }

    /** Whether the block holds training samples. */
    public boolean isTraining() {
        return role == HoldOut.Role.TRAINING;
    }

    /** Whether the block holds validation samples (scored, never trained on). */
    public boolean isValidation() {
        return role == HoldOut.Role.VALIDATION;
    }

    /** Whether the block holds test samples (scored once at the end). */
    public boolean isTest() {
        return role == HoldOut.Role.TEST;
    }

    /**
     * A hash of what the block holds (role, labels, weights, features; not the row ids), for telling one data
     * set from another: equal blocks hash equal.
     */
    public long contentHash() {
        long hash = role.ordinal();
        int n = size();
        for (int j = 0; j < n; j++) {
            hash = 31 * hash + Double.hashCode(labels[j]);
            hash = 31 * hash + (weights == null ? 0 : Double.hashCode(weights[j]));
        }
        if (features != null) {
            for (double x : features) {
                hash = 31 * hash + Double.hashCode(x);
            }
            return hash;
        }
        if (floatFeatures != null) {
            for (float x : floatFeatures) {
                hash = 31 * hash + Double.hashCode(x);
            }
            return hash;
        }
        for (int k = 0; k < sparse.nonZeros(); k++) {
            hash = 31 * (31 * hash + sparse.rowIndices()[k]) + Double.hashCode(sparse.values()[k]);
        }
        for (int j = 0; j <= n; j++) {
            hash = 31 * hash + sparse.colPtr()[j];
        }
        return hash;
    }

    /** Bytes held by the arrays (for the cached-size report). */
    public long sizeInBytes() {
        long featureBytes = features != null ? 8L * features.length : floatFeatures != null
                ? 4L * floatFeatures.length : 12L * sparse.nonZeros() + 4L * (sparse.cols() + 1);
        return featureBytes + 8L * (labels.length + (ids == null ? 0 : ids.length)
                + (weights == null ? 0 : weights.length));
    }
}
