package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.ExecutorAggregator;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import io.github.sparkprop.math.Precision;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/** A run's passes, each a Spark job of its own ({@link ExecutorAggregator}). */
final class OwnPasses implements Passes {

    private final JavaSparkContext context;
    private final JavaRDD<SampleBlock> blocks;
    private final int treeDepth;
    private final Precision precision;
    private final ExecutorAggregator aggregator = new ExecutorAggregator();

    /** @param precision the arithmetic of the run's tasks, and so the type its weights travel in */
    OwnPasses(JavaSparkContext context, JavaRDD<SampleBlock> blocks, int treeDepth, Precision precision) {
        if (treeDepth < 0) {
            throw new IllegalArgumentException("tree depth must be >= 0, got " + treeDepth);
        }
        this.context = context;
        this.blocks = blocks;
        this.treeDepth = treeDepth;
        this.precision = precision;
    }

    @Override
    public <A> A run(double[] w, A zero, BlockFold<A, SampleBlock> fold, Function2<A, A, A> merge, long sumBytes,
            String description) {
        return aggregator.aggregate(context, blocks, Passes.weights(w, precision), zero, fold, merge, sumBytes,
                treeDepth, description);
    }
}
