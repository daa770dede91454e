package io.github.sparkprop.internal.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How the tasks of a pass reach its weights: inside the tasks themselves when they are small, else through a
 * broadcast of their own. Spark broadcasts every job's tasks anyway (their serialized binary); weights under
 * {@link #INLINE_BYTES} ride in it, which spares a pass a broadcast's creation, its fetch by each executor and
 * its destruction (about 2 ms of a 7 ms pass over 150 rows in local mode, measured), at the price of one copy per
 * task instead of one per executor.
 */
abstract class TaskWeights implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Weights smaller than this travel inside the tasks (32,768 float64 or 65,536 float32 parameters). */
    static final long INLINE_BYTES = 256L << 10;

    /**
     * Weights of this many bytes or more are destroyed blocking (every executor's copy gone before the next
     * pass broadcasts anew, so that two never share an executor's memory); smaller ones in the background,
     * sparing the pass a round trip to every block manager.
     */
    static final long BLOCKING_DESTROY_BYTES = 16L << 20;

    /** The weights, in the task. */
    abstract PassWeights value();

    /** Frees what the weights took on the driver and the executors, once the pass's jobs are over. */
    abstract void release();

    /** The weights w as a pass's tasks will reach them: inline when small, else broadcast now. */
    static TaskWeights of(JavaSparkContext context, PassWeights w) {
        return w.bytes() < INLINE_BYTES ? new Inline(w)
                : new Broadcasted(context.broadcast(w), w.bytes() >= BLOCKING_DESTROY_BYTES);
    }

    /** Weights inside the task. */
    private static final class Inline extends TaskWeights {
        private static final long serialVersionUID = 1L;

        private final PassWeights weights;

        Inline(PassWeights weights) {
            this.weights = weights;
        }

        @Override
        PassWeights value() {
            return weights;
        }

        @Override
        void release() {
        }
    }

    /** Weights in a broadcast, destroyed on release. */
    private static final class Broadcasted extends TaskWeights {
        private static final long serialVersionUID = 1L;

        private final Broadcast<PassWeights> weights;
        /** Whether release waits for the executors (on the driver only). */
        private final transient boolean blocking;

        Broadcasted(Broadcast<PassWeights> weights, boolean blocking) {
            this.weights = weights;
            this.blocking = blocking;
        }

        @Override
        PassWeights value() {
            return weights.value();
        }

        @Override
        void release() {
            weights.destroy(blocking);
        }
    }
}
