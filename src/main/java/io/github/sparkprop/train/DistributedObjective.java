package io.github.sparkprop.train;

import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.spark.WeightsPass;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The cost J(w) and its gradient over cached blocks, one distributed pass per evaluation: the weights are
 * broadcast, every task sums gradients over its blocks into its own {@link GradientSum}, treeAggregate
 * merges the sums, and the driver divides by m once and adds the L2 term:
 *
 * <pre>
 *   J(w)     = (1/m) sum_i loss_i + (lambda/2) sum_l ||W^l||^2
 *   dJ/dW^l  = (1/m) sum_i delta^l_i (a^{l-1}_i)^T + lambda W^l,   dJ/db^l = (1/m) sum_i delta^l_i
 * </pre>
 *
 * The broadcast is destroyed after each pass, so broadcasts do not pile up on the executors.
 */
public final class DistributedObjective {

    private final JavaSparkContext context;
    private final JavaRDD<SampleBlock> blocks;
    private final Network network;
    private final L2Penalty l2;
    private final int treeDepth;

    public DistributedObjective(JavaSparkContext context, JavaRDD<SampleBlock> blocks, Network network, L2Penalty l2,
            int treeDepth) {
        if (treeDepth < 1) {
            throw new IllegalArgumentException("tree depth must be >= 1, got " + treeDepth);
        }
        this.context = context;
        this.blocks = blocks;
        this.network = network;
        this.l2 = l2;
        this.treeDepth = treeDepth;
    }

    /**
     * J and dJ/dw at w.
     *
     * @param jobDescription shown for the pass's Spark job in the Spark UI
     * @throws IllegalStateException when the data hold no sample
     */
    public Evaluation evaluate(double[] w, String jobDescription) {
        Network net = network;
        GradientSum sum = WeightsPass.aggregate(context, blocks, w, new GradientSum(),
                (acc, block, weights) -> acc.add(block, net, weights), GradientSum::merge, treeDepth, jobDescription);
        if (sum.count() == 0) {
            throw new IllegalStateException("the training data hold no sample");
        }
        double m = sum.count();
        double[] gradient = sum.gradient();
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] /= m;
        }
        l2.addGradient(network, w, gradient);
        double dataLoss = sum.loss() / m;
        return new Evaluation(dataLoss + l2.value(network, w), dataLoss, gradient, sum.count());
    }

    public Network network() {
        return network;
    }
}
