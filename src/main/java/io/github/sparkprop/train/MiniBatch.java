package io.github.sparkprop.train;

import io.github.sparkprop.data.RowHash;
import io.github.sparkprop.data.SampleBlock;
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
            throw new IllegalArgumentException("--batch-fraction must be in (0, 1], got " + fraction);
        }
    }

    public boolean isFullBatch() {
        return fraction >= 1;
    }

    /**
     * Copies the block's samples that are in iteration t's batch to the front of x, y and (for a weighted
     * block) weights, columns in block order, and returns how many there are.
     */
    public int gather(SampleBlock block, int t, double[] x, double[] y, double[] weights) {
        int n0 = block.size() == 0 ? 0 : block.features().length / block.size();
        long[] ids = block.ids();
        int selected = 0;
        for (int j = 0; j < ids.length; j++) {
            if (RowHash.uniform(seed, t, ids[j]) < fraction) {
                System.arraycopy(block.features(), j * n0, x, selected * n0, n0);
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
