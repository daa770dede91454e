package io.github.sparkprop.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One distributed pass over cached blocks at given weights: broadcast the weights, fold every block of a
 * task into that task's accumulator, merge the accumulators with treeAggregate, destroy the broadcast
 * (on the driver and every executor, before returning).
 * Only the merged accumulator comes back to the driver. The pass knows neither what a block holds nor what
 * the accumulator sums: the callers' fold does.
 */
public final class WeightsPass {

    /**
     * Adds one block, seen at weights w, to a task's accumulator and returns the accumulator.
     *
     * @param <A> the accumulator
     * @param <B> the block
     */
    @FunctionalInterface
    public interface BlockFold<A, B> extends Serializable {
        A add(A accumulator, B block, double[] w);
    }

    private WeightsPass() {
    }

    /**
     * @param zero           an empty accumulator: small, since it travels with the closure
     * @param jobDescription shown for the pass's job in the Spark UI
     * @param <A>            the accumulator
     * @param <B>            the block
     */
    public static <A, B> A aggregate(JavaSparkContext context, JavaRDD<B> blocks, double[] w, A zero,
            BlockFold<A, B> fold, Function2<A, A, A> merge, int treeDepth, String jobDescription) {
        Broadcast<double[]> weights = context.broadcast(w);
        try {
            context.setJobDescription(jobDescription);
            return blocks.treeAggregate(zero, (acc, block) -> fold.add(acc, block, weights.value()), merge, treeDepth);
        } finally {
            context.setJobDescription(null);
            // blocking: the executors' copies are gone before the next iteration broadcasts anew
            weights.destroy(true);
        }
    }
}
