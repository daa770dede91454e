package io.github.sparkprop.data;

/**
 * Up to B samples stacked as the columns of one matrix: features n_0 x size, column-major (sample j's
 * features at [j n_0, (j+1) n_0)), and one label per sample (class index or regression target).
 * Built once when the data are cached; never re-parsed.
 */
public final class SampleBlock {

    private final double[] features;
    private final double[] labels;
    private final int size;

    public SampleBlock(double[] features, double[] labels, int size) {
        if (labels.length < size || features.length < size) {
            throw new IllegalArgumentException("block arrays too small for " + size + " samples");
        }
        this.features = features;
        this.labels = labels;
        this.size = size;
    }

    /** n_0 x size, column-major. */
    public double[] features() {
        return features;
    }

    public double[] labels() {
        return labels;
    }

    /** The number of samples. */
    public int size() {
        return size;
    }

    /** Bytes held by the arrays (for the cached-size report). */
    public long sizeInBytes() {
        return 8L * (features.length + labels.length);
    }
}
