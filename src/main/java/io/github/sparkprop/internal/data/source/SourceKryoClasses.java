package io.github.sparkprop.internal.data.source;

import io.github.sparkprop.internal.spark.KryoClasses;
import java.util.List;

/** The classes of {@code data.source} that Kryo must know: the records of each file split, counted once per input. */
public final class SourceKryoClasses implements KryoClasses {

    @Override
    public List<Class<?>> classes() {
        return List.of();
    }

    @Override
    public List<Class<?>> javaSerialized() {
        return List.of(RecordCounts.class);
    }
}
