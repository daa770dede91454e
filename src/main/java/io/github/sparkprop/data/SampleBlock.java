package io.github.sparkprop.data;

/**
 * Up to B samples stacked as the columns of one matrix: features n_0 x size, column-major (sample j's
 * features at [j n_0, (j+1) n_0)), one label per sample (class index or regression target), and each
 * sample's stable row id (for seeded mini-batches). A block holds either training or validation samples.
 * Built once when the data are cached; never re-parsed.
 */
public final class SampleBlock {

    private final double[] features;
    private final double[] labels;
    private final long[] ids;
    private final boolean validation;

    public SampleBlock(double[] features, double[] labels, long[] ids, boolean validation) {
        if (labels.length != ids.length || (labels.length > 0 && features.length % labels.length != 0)) {
            throw new IllegalArgumentException("a block of " + labels.length + " samples has " + features.length
                    + " feature values and " + ids.length + " ids");
        }
        this.features = features;
        this.labels = labels;
        this.ids = ids;
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
        return 8L * (features.length + labels.length + ids.length);
    }
}
