package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.data.source.RowHash;
import io.github.sparkprop.math.SparseColumns;
import java.io.Serializable;

/**
 * The seeded mini-batch of each iteration: row id i is in iteration t's batch when U(seed, t, i) &lt; F.
 * The choice depends on the seed, the iteration and the row ids only, so a run is reproducible whatever the
 * partitioning. F = 1 is full batch.
 */
public record MiniBatch(long seed, double fraction) implements Serializable {

    /** Every row, every iteration. */
    public static final MiniBatch FULL = new MiniBatch(0, 1.0);

    public MiniBatch {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the batch fraction must be in (0, 1], got " + fraction);
        }
    }

    public boolean isFullBatch() {
        return fraction >= 1;
    }

    /** The block's row ids, which mini-batches need (the data must have been loaded with them). */
    private static long[] ids(SampleBlock block) {
        if (block.ids() == null) {
            throw new IllegalStateException("mini-batches need row ids in the blocks: load the data with rowIds");
        }
        return block.ids();
    }

    /** Whether row id is in iteration t's batch. */
    private boolean contains(long id, int t) {
        return RowHash.uniform(seed, t, id) < fraction;
    }

    /**
     * The block's samples in iteration t's batch as sparse columns over the buffers (colPtr of at least
     * size + 1 entries, rowIndices and values of at least the block's non-zeros), with their labels and
     * (for a weighted block) weights at the front of y and weights.
     */
    public SparseColumns gatherSparse(SampleBlock block, int t, int[] colPtr, int[] rowIndices, double[] values,
            double[] y, double[] weights) {
        SparseColumns all = block.sparse();
        long[] ids = ids(block);
        int selected = 0;
        colPtr[0] = 0;
        for (int j = 0; j < ids.length; j++) {
            if (contains(ids[j], t)) {
                int from = all.colPtr()[j];
                int count = all.colPtr()[j + 1] - from;
                System.arraycopy(all.rowIndices(), from, rowIndices, colPtr[selected], count);
                System.arraycopy(all.values(), from, values, colPtr[selected], count);
                colPtr[selected + 1] = colPtr[selected] + count;
                y[selected] = block.labels()[j];
                if (block.weights() != null) {
                    weights[selected] = block.weights()[j];
                }
                selected++;
            }
        }
        return new SparseColumns(all.rows(), selected, colPtr, rowIndices, values);
    }

    /**
     * Copies the block's samples that are in iteration t's batch to the front of x, y and (for a weighted
     * block) weights, columns in block order, and returns how many there are.
     *
     * @param x an array of the block's dense features' type (double[], or float[] for a float32 block)
     */
    public int gather(SampleBlock block, int t, Object x, double[] y, double[] weights) {
        Object features = block.denseFeatures();
        int n0 = block.size() == 0 ? 0 : java.lang.reflect.Array.getLength(features) / block.size();
        long[] ids = ids(block);
        int selected = 0;
        for (int j = 0; j < ids.length; j++) {
            if (contains(ids[j], t)) {
                System.arraycopy(features, j * n0, x, selected * n0, n0);
                y[selected] = block.labels()[j];
                if (block.weights() != null) {
                    weights[selected] = block.weights()[j];
                }
                selected++;
            }
        }
        return selected;
    }
}
