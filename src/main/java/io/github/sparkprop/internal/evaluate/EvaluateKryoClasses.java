package io.github.sparkprop.internal.evaluate;

import io.github.sparkprop.internal.spark.KryoClasses;
import java.util.List;

/** The classes of {@code evaluate} that Kryo must know: the per-task sums of a scoring pass. */
public final class EvaluateKryoClasses implements KryoClasses {

    @Override
    public List<Class<?>> classes() {
        return List.of(ScoreSum.class);
    }
}
