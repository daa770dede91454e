package io.github.sparkprop.data;

/**
 * Up to B samples stacked as the columns of one matrix: features n_0 x size, column-major (sample j's
 * features at [j n_0, (j+1) n_0)), one label per sample (class index or regression target), each sample's
 * stable row id (for seeded mini-batches) and, for weighted data, each sample's weight. A block holds either
 * training or validation samples. Built once when the data are cached; never re-parsed.
 */
public final class SampleBlock {

    private final double[] features;
    private final double[] labels;
    private final long[] ids;
    private final double[] weights;
    private final boolean validation;

    /** @param weights one weight per sample, or null when every weight is 1 */
    public SampleBlock(double[] features, double[] labels, long[] ids, double[] weights, boolean validation) {
        if (labels.length != ids.length || (weights != null && weights.length != labels.length)
                || (labels.length > 0 && features.length % labels.length != 0)) {
            throw new IllegalArgumentException("a block of " + labels.length + " samples has " + features.length
                    + " feature values, " + ids.length + " ids and " + (weights == null ? 0 : weights.length)
                    + " weights");
        }
        this.features = features;
        this.labels = labels;
        this.ids = ids;
        this.weights = weights;
        this.validation = validation;
    }

    /** n_0 x size, column-major. */
    public double[] features() {
        return features;
    }

    public double[] labels() {
        return labels;
    }

    /** The stable row id of each sample. */
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

    /** Whether the block holds validation samples (scored, never trained on). */
    public boolean isValidation() {
        return validation;
    }

    /** Bytes held by the arrays (for the cached-size report). */
    public long sizeInBytes() {
        return 8L * (features.length + labels.length + ids.length + (weights == null ? 0 : weights.length));
    }
}
