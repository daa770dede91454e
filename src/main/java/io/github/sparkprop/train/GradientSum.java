package io.github.sparkprop.train;

import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Network;

/**
 * The per-task accumulator of one pass: the gradient SUM over the samples seen (no 1/m, no L2), the loss
 * sum and the sample count. It starts empty and allocates its arrays inside the task on the first block,
 * so no zero vector travels with the closure; partial sums are merged in place.
 */
public final class GradientSum implements java.io.Serializable {

    private double[] gradient;
    private double loss;
    private long count;
    private transient Backprop backprop;

    /** An empty sum (the aggregation's zero). */
    public GradientSum() {
    }

    GradientSum(double[] gradient, double loss, long count) {
        this.gradient = gradient;
        this.loss = loss;
        this.count = count;
    }

    /** Adds one block's gradient and loss sums, computed at the weights w. */
    public GradientSum add(SampleBlock block, Network network, double[] w) {
        if (gradient == null) {
            gradient = new double[network.parameterCount()];
        }
        if (backprop == null) {
            backprop = new Backprop(network);
        }
        loss += backprop.addGradient(w, block.features(), block.labels(), block.size(), gradient);
        count += block.size();
        return this;
    }

    /** Adds another partial sum into this one. */
    public GradientSum merge(GradientSum other) {
        if (other.gradient == null) {
            return this;
        }
        if (gradient == null) {
            return other;
        }
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
        }
        loss += other.loss;
        count += other.count;
        return this;
    }

    /** sum_i dloss_i/dw, or null when no sample was seen. */
    public double[] gradient() {
        return gradient;
    }

    /** sum_i loss_i. */
    public double loss() {
        return loss;
    }

    /** The number of samples summed. */
    public long count() {
        return count;
    }
}
