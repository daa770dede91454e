package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.spark.KryoClasses;
import java.util.List;

/** The classes of {@code train} that Kryo must know: the per-task sums of a gradient pass, alone or one per candidate. */
public final class TrainKryoClasses implements KryoClasses {

    @Override
    public List<Class<?>> classes() {
        return List.of(GradientSum.class, CandidateSums.class, Object[].class);
    }
}
