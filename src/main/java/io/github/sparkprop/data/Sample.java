package io.github.sparkprop.data;

/**
 * One valid row on its way into a block: its stable id (its position in the input: files in name order,
 * rows in file order), its features (already standardised) and its label.
 */
public final class Sample {

    final long id;
    final double[] x;
    final double y;

    Sample(long id, double[] x, double y) {
        this.id = id;
        this.x = x;
        this.y = y;
    }
}
