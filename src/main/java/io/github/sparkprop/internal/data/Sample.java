package io.github.sparkprop.internal.data;

import java.io.Serializable;

/**
 * One valid row on its way into a block: its stable id (its position in the input: files in name order,
 * rows in file order), its features (already standardised: dense, or the indices and values of its
 * non-zeros), its label and its weight.
 */
final class Sample implements Serializable {

    private static final long serialVersionUID = 1L;

    final long id;
    final double[] x;
    final int[] indices;
    final double[] values;
    final double y;
    final double weight;

    private Sample(long id, double[] x, int[] indices, double[] values, double y, double weight) {
        this.id = id;
        this.x = x;
        this.indices = indices;
        this.values = values;
        this.y = y;
        this.weight = weight;
    }

    static Sample dense(long id, double[] x, double y, double weight) {
        return new Sample(id, x, null, null, y, weight);
    }

    static Sample sparse(long id, int[] indices, double[] values, double y, double weight) {
        return new Sample(id, null, indices, values, y, weight);
    }
}
