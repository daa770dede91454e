package io.github.sparkprop.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Samples read, validated and stacked into blocks, cached (materialised by the first pass over them).
 *
 * @param blocks      the cached blocks; {@link #release()} unpersists them
 * @param rows        the number of valid rows not held out, m
 * @param heldOut     the number of valid rows in validation blocks
 * @param skipped     the number of invalid rows dropped
 * @param cachedBytes the bytes of the cached blocks' arrays
 * @param features    the feature columns, in order
 * @param encoder     the classes, or null for regression
 * @param scaler      the standardisation applied, or null
 * @param description the input paths, for messages
 */
public record LoadedData(JavaRDD<SampleBlock> blocks, long rows, long heldOut, long skipped, long cachedBytes,
        List<String> features, LabelEncoder encoder, Scaler scaler, String description) {

    /** Unpersists the cached blocks. */
    public void release() {
        blocks.unpersist(false);
    }
}
