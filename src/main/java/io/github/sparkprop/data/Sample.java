package io.github.sparkprop.data;

/**
 * One valid row on its way into a block: its stable id (its position in the input: files in name order,
 * rows in file order), its features (already standardised), its label and its weight.
 */
public final class Sample {

    final long id;
    final double[] x;
    final double y;
    final double weight;

    Sample(long id, double[] x, double y, double weight) {
        this.id = id;
        this.x = x;
        this.y = y;
        this.weight = weight;
    }
}
