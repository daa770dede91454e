package io.github.sparkprop.internal.spark;

import java.util.List;

/**
 * The classes of one package that travel between JVMs or are cached serialized, for
 * {@link SparkPropKryoRegistrator}. Each package that owns such classes declares them in one small
 * implementation, listed in {@code META-INF/services/io.github.sparkprop.internal.spark.KryoClasses}, so that
 * {@code spark} registers them without knowing them. An implementation needs a public no-argument constructor.
 */
public interface KryoClasses {

    /** The classes Kryo writes field by field, with its default serializers. */
    List<Class<?>> classes();

    /**
     * The classes Kryo hands to Java serialization: those whose fields it cannot write itself (maps of
     * unregistered types, objects of other libraries). None unless overridden.
     */
    default List<Class<?>> javaSerialized() {
        return List.of();
    }
}
