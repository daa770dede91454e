package io.github.sparkprop.internal.data;

import io.github.sparkprop.math.Scaler;
import org.apache.spark.api.java.JavaRDD;

/**
 * Samples read, validated and stacked into blocks, cached (materialised by the first pass over them).
 *
 * @param blocks      the cached blocks; {@link #release()} unpersists them
 * @param rows        the number of valid rows not held out, m
 * @param heldOut     the number of valid rows in validation blocks
 * @param tests       the number of valid rows in test blocks
 * @param skipped     the number of invalid rows dropped
 * @param cachedBytes the bytes of the cached blocks' arrays
 * @param blockRows   the most rows a block holds
 * @param features    the feature columns
 * @param encoder     the classes, or null for regression
 * @param scaler      the standardisation applied, or null
 * @param target      the standardisation of a regression target applied (y' = (y - mean) / std), or null
 * @param description the input paths, for messages
 */
public record LoadedData(JavaRDD<SampleBlock> blocks, long rows, long heldOut, long tests, long skipped,
        long cachedBytes, int blockRows,
        FeatureColumns features, LabelEncoder encoder, Scaler scaler, Scaler target, String description) {

    /** The raw float64 size of the samples: 8 (n_0 + 1) m, to compare the cached size with. */
    public long rawBytes() {
        return 8L * (features.count() + 1) * (rows + heldOut + tests);
    }

    /** Unpersists the cached blocks. */
    public void release() {
        blocks.unpersist(false);
    }
}
