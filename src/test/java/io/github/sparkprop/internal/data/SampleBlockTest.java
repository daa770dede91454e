package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.math.SparseColumns;
import org.junit.jupiter.api.Test;

/** Blocks narrowed for float32 training: what becomes float32, what stays, and the values kept. */
class SampleBlockTest {

    private static final double[] LABELS = {1, 0, 2};

    @Test
    void denseFeaturesAreNarrowedToTheNearestFloat() {
        double[] x = {0.1, -2.5, 1e-3, 7, 1.0 / 3, -0.7};
        SampleBlock block = new SampleBlock(x, null, LABELS, new long[] {4, 5, 6}, null, HoldOut.Role.TRAINING);
        SampleBlock narrowed = block.narrowed();
        assertTrue(narrowed.isFloat());
        assertEquals(null, narrowed.features());
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) x[i], narrowed.floatFeatures()[i]);
        }
        assertArrayEquals(LABELS, narrowed.labels());
        assertArrayEquals(new long[] {4, 5, 6}, narrowed.ids());
        assertEquals(block.sizeInBytes() - 4L * x.length, narrowed.sizeInBytes(), "4 bytes a feature, not 8");
        double[] widened = narrowed.widenInto(null);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) x[i], widened[i]);
        }
        assertSame(narrowed, narrowed.narrowed());
        assertThrows(IllegalStateException.class, () -> block.widenInto(null));
    }

    @Test
    void sparseFeaturesDenseEnoughForGemmAreWrittenOutInFloat32() {
        // 2 x 3, column-major dense form {0, 1.5, -2, 0, 0, 0.25}: 3 non-zeros of 6
        SparseColumns x = new SparseColumns(2, new int[] {0, 1, 2, 3}, new int[] {1, 0, 1},
                new double[] {1.5, -2, 0.25});
        SampleBlock narrowed = new SampleBlock(null, x, LABELS, null, null, HoldOut.Role.TRAINING).narrowed();
        assertTrue(narrowed.isFloat());
        assertFalse(narrowed.isSparse());
        assertArrayEquals(new float[] {0, 1.5f, -2, 0, 0, 0.25f}, narrowed.floatFeatures());
    }

    @Test
    void sparserFeaturesStaySparse() {
        int rows = 1_000; // 3 non-zeros in 3,000 cells: the first layer multiplies only them
        SparseColumns x = new SparseColumns(rows, new int[] {0, 1, 2, 3}, new int[] {5, 999, 0},
                new double[] {1.5, -2, 0.25});
        SampleBlock block = new SampleBlock(null, x, LABELS, null, null, HoldOut.Role.TRAINING);
        assertSame(block, block.narrowed());
    }
}
