package io.github.sparkprop.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Samples read, validated and stacked into blocks, cached (materialised by the first pass over them).
 *
 * @param blocks      the cached blocks; {@link #release()} unpersists them
 * @param rows        the number of valid rows, m
 * @param skipped     the number of invalid rows dropped
 * @param features    the feature columns, in order
 * @param encoder     the classes, or null for regression
 * @param scaler      the standardisation applied, or null
 * @param description the input paths, for messages
 */
public record LoadedData(JavaRDD<SampleBlock> blocks, long rows, long skipped, List<String> features,
        LabelEncoder encoder, Scaler scaler, String description) {

    /** Bytes the cached blocks hold: 8 (n_0 + 1) m. */
    public long cachedBytes() {
        return 8L * (features.size() + 1) * rows;
    }

    /** Unpersists the cached blocks. */
    public void release() {
        blocks.unpersist(false);
    }
}
