package io.github.sparkprop.internal.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * One distributed pass over cached blocks at given weights: send the weights to the tasks (inside them when small,
 * else broadcast: {@link TaskWeights}), fold every block of a task into that task's accumulator, merge the
 * accumulators (on the driver as they come, or by treeAggregate when there are many), destroy the broadcast, if
 * any (on the driver and every executor, before returning).
 * Only the merged accumulator comes back to the driver. The pass knows neither what a block holds nor what
 * the accumulator sums: the callers' fold does. {@link ExecutorAggregator} merges the sums of each executor's
 * tasks before they leave it, for accumulators as large as the network.
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
        A add(A accumulator, B block, PassWeights w);

        /** Adds every block of a task, in order, and returns the accumulator. */
        default A addAll(A accumulator, Iterator<B> blocks, PassWeights w) {
            A acc = accumulator;
            while (blocks.hasNext()) {
                acc = add(acc, blocks.next(), w);
            }
            return acc;
        }

        /**
         * Does the work the fold put off (blocks it kept to compute together) once an accumulator has seen all
         * its blocks, before it leaves its JVM; nothing unless overridden. Merging accumulators that are not
         * finished must keep the work they put off, for the finish of the merged one.
         */
        default A finish(A accumulator) {
            return accumulator;
        }
    }

    private WeightsPass() {
    }

    /**
     * @param zero           an empty accumulator: small, since it travels with the closure
     * @param treeDepth      depth of the treeAggregate; 0 chooses it from the partitions ({@link TreeDepth})
     * @param jobDescription shown for the pass's job in the Spark UI
     * @param <A>            the accumulator
     * @param <B>            the block
     */
    public static <A, B> A aggregate(JavaSparkContext context, JavaRDD<B> blocks, PassWeights w, A zero,
            BlockFold<A, B> fold, Function2<A, A, A> merge, int treeDepth, String jobDescription) {
        return withWeights(context, w, weights -> {
            context.setJobDescription(jobDescription);
            return treeAggregate(blocks, weights, zero, fold, merge, treeDepth);
        });
    }

    /**
     * The blocks folded into one accumulator per task at the broadcast weights and finished, merged: on the
     * driver as the tasks end for a tree of depth 1 (a {@link PartitionJob}), else by treeAggregate.
     */
    private static <A, B> A treeAggregate(JavaRDD<B> blocks, TaskWeights weights, A zero, BlockFold<A, B> fold,
            Function2<A, A, A> merge, int treeDepth) {
        int depth = treeDepth > 0 ? treeDepth : TreeDepth.forPartitions(blocks.getNumPartitions());
        if (depth == 1) {
            Merging<A> total = new Merging<>(merge);
            PartitionJob.run(blocks, new PartitionFold<>(weights, zero, fold), total);
            return total.sum != null ? total.sum : zero;
        }
        // the task's zero is also treeAggregate's (one closure, one object): the task folds into a copy
        JavaRDD<A> perTask = blocks.mapPartitions(iterator -> Collections.singletonList(
                fold.finish(fold.addAll(copyOf(zero), iterator, weights.value()))).iterator());
        return perTask.treeAggregate(zero, merge, merge, depth);
    }

    /**
     * What {@code pass} computes with w where its tasks reach them ({@link TaskWeights}); a broadcast is destroyed
     * before returning, on the driver and on every executor.
     */
    static <T> T withWeights(JavaSparkContext context, PassWeights w, Function<TaskWeights, T> pass) {
        TaskWeights weights = TaskWeights.of(context, w);
        try {
            return pass.apply(weights);
        } finally {
            context.setJobDescription(null);
            weights.release();
        }
    }

    /** The tasks' accumulators merged as they arrive. */
    private static final class Merging<A> implements Consumer<A> {
        private final Function2<A, A, A> merge;
        A sum;

        Merging(Function2<A, A, A> merge) {
            this.merge = merge;
        }

        @Override
        public void accept(A taskSum) {
            sum = sum == null ? taskSum : call(merge, sum, taskSum);
        }
    }

    /** A task of a pass: its partition's blocks folded into its own zero at the pass's weights, finished. */
    private static final class PartitionFold<A, B> extends PartitionJob.Task<B, A> {

        private static final long serialVersionUID = 1L;

        private final TaskWeights weights;
        private final A zero;
        private final BlockFold<A, B> fold;

        PartitionFold(TaskWeights weights, A zero, BlockFold<A, B> fold) {
            this.weights = weights;
            this.zero = zero;
            this.fold = fold;
        }

        @Override
        A run(Iterator<B> partition) {
            return fold.finish(fold.addAll(zero, partition, weights.value()));
        }
    }

    /** A deep copy, through Spark's closure serializer (as Spark copies the zero of its aggregations). */
    private static <A> A copyOf(A value) {
        SerializerInstance serializer = SparkEnv.get().closureSerializer().newInstance();
        @SuppressWarnings("unchecked")
        ClassTag<A> tag = (ClassTag<A>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
        return serializer.deserialize(serializer.serialize(value, tag), tag);
    }

    /** merge(a, b), for callers that cannot throw its checked exception. */
    static <A> A call(Function2<A, A, A> merge, A a, A b) {
        try {
            return merge.call(a, b);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
