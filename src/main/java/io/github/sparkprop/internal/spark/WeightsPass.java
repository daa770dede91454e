package io.github.sparkprop.internal.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.function.Function;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * One distributed pass over cached blocks at given weights: broadcast the weights, fold every block of a
 * task into that task's accumulator, merge the accumulators with treeAggregate, destroy the broadcast
 * (on the driver and every executor, before returning).
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
        A add(A accumulator, B block, double[] w);

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
    public static <A, B> A aggregate(JavaSparkContext context, JavaRDD<B> blocks, double[] w, A zero,
            BlockFold<A, B> fold, Function2<A, A, A> merge, int treeDepth, String jobDescription) {
        return withWeights(context, w, weights -> {
            context.setJobDescription(jobDescription);
            return treeAggregate(blocks, weights, zero, fold, merge, treeDepth);
        });
    }

    /**
     * The blocks folded into one accumulator per task at the broadcast weights and finished, merged by
     * treeAggregate.
     */
    static <A, B> A treeAggregate(JavaRDD<B> blocks, Broadcast<double[]> weights, A zero, BlockFold<A, B> fold,
            Function2<A, A, A> merge, int treeDepth) {
        int depth = treeDepth > 0 ? treeDepth : TreeDepth.forPartitions(blocks.getNumPartitions());
        JavaRDD<A> perTask = blocks.mapPartitions(iterator -> {
            A acc = copyOf(zero); // the task's zero is also treeAggregate's (one closure, one object)
            double[] w = weights.value();
            while (iterator.hasNext()) {
                acc = fold.add(acc, iterator.next(), w);
            }
            return Collections.singletonList(fold.finish(acc)).iterator();
        });
        return perTask.treeAggregate(zero, merge, merge, depth);
    }

    /**
     * What {@code pass} computes with w broadcast; the broadcast is destroyed before returning, everywhere
     * (blocking: the executors' copies are gone before the next iteration broadcasts anew).
     */
    static <T> T withWeights(JavaSparkContext context, double[] w, Function<Broadcast<double[]>, T> pass) {
        Broadcast<double[]> weights = context.broadcast(w);
        try {
            return pass.apply(weights);
        } finally {
            context.setJobDescription(null);
            weights.destroy(false);
        }
    }

    /** A deep copy, through Spark's closure serializer (as Spark copies the zero of its aggregations). */
    static <A> A copyOf(A value) {
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
