package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.PassWeights;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import io.github.sparkprop.math.Precision;
import org.apache.spark.api.java.function.Function2;

/**
 * Where a run's distributed passes over its cached blocks go: a Spark job of their own ({@link OwnPasses}), or a
 * share of one job that evaluates several candidates at once ({@link SharedPasses}). Either way the blocks are
 * folded into one accumulator per task, in partition order, and the tasks' accumulators merged.
 */
interface Passes {

    /**
     * The blocks folded at weights w and merged.
     *
     * @param zero        an empty accumulator
     * @param sumBytes    the size of a full accumulator, about
     * @param description what the pass computes, for the Spark UI
     */
    <A> A run(double[] w, A zero, BlockFold<A, SampleBlock> fold, Function2<A, A, A> merge, long sumBytes,
            String description);

    /** The weights w as a pass of a run computing in the given precision sends them to its tasks. */
    static PassWeights weights(double[] w, Precision precision) {
        return precision == Precision.FLOAT32 ? PassWeights.float32(w) : PassWeights.float64(w);
    }

    /** Says that the run will ask for no more passes (the candidates of a shared job then go on without it). */
    default void done() {
    }
}
