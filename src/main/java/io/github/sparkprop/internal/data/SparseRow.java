package io.github.sparkprop.internal.data;

import java.util.Arrays;

/** A reusable buffer for the non-zeros of one sparse sample: feature indices, ascending, and values. */
final class SparseRow {

    int[] indices = new int[16];
    double[] values = new double[16];
    int count;

    void clear() {
        count = 0;
    }

    void add(int index, double value) {
        if (count == indices.length) {
            indices = Arrays.copyOf(indices, 2 * count);
            values = Arrays.copyOf(values, 2 * count);
        }
        indices[count] = index;
        values[count] = value;
        count++;
    }
}
