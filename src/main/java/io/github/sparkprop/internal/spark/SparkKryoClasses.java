package io.github.sparkprop.internal.spark;

import java.util.List;

/**
 * The classes of {@code spark} that Kryo must know: the weights a pass broadcasts, the receipts and gathered sums
 * of executor aggregation.
 */
public final class SparkKryoClasses implements KryoClasses {

    @Override
    public List<Class<?>> classes() {
        return List.of(PassWeights.class, ExecutorAggregator.Receipt.class, ExecutorAggregator.Receipt[].class,
                ExecutorAggregator.Gathered.class, String[].class, int[][].class);
    }
}
