package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.ExecutorAggregator;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/** A run's passes, each a Spark job of its own ({@link ExecutorAggregator}). */
final class OwnPasses implements Passes {

    private final JavaSparkContext context;
    private final JavaRDD<SampleBlock> blocks;
    private final int treeDepth;
    private final ExecutorAggregator aggregator = new ExecutorAggregator();

    OwnPasses(JavaSparkContext context, JavaRDD<SampleBlock> blocks, int treeDepth) {
        if (treeDepth < 0) {
            throw new IllegalArgumentException("tree depth must be >= 0, got " + treeDepth);
        }
        this.context = context;
        this.blocks = blocks;
        this.treeDepth = treeDepth;
    }

    @Override
    public <A> A run(double[] w, A zero, BlockFold<A, SampleBlock> fold, Function2<A, A, A> merge, long sumBytes,
            String description) {
        return aggregator.aggregate(context, blocks, w, zero, fold, merge, sumBytes, treeDepth, description);
    }
}
