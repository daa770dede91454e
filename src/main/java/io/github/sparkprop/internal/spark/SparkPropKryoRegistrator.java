package io.github.sparkprop.internal.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes sparkprop sends between JVMs or caches, so that Kryo writes a small id instead of
 * a class name, and {@code spark.kryo.registrationRequired=true} works: the basic arrays and Spark's own
 * types here, sparkprop's classes as each package declares them through {@link KryoClasses}.
 */
public final class SparkPropKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(double[].class);
        kryo.register(float[].class);
        kryo.register(long[].class);
        kryo.register(int[].class);
        for (KryoClasses declared : declarations()) {
            declared.classes().forEach(kryo::register);
            for (Class<?> type : declared.javaSerialized()) {
                kryo.register(type, new JavaSerializer());
            }
        }
        // Spark SQL's data types (and ML's vector type) travel in the tasks that read Parquet and LibSVM
        // schemas; Spark does not register them itself
        for (String name : SQL_TYPES) {
            try {
                kryo.register(Class.forName(name, false, SparkPropKryoRegistrator.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Spark class " + name + " is missing", e);
            }
        }
    }

    /**
     * Every package's {@link KryoClasses}, found with the class loader that loaded this registrator (on an
     * executor, the one that holds the application jar), in the order of their class names: Kryo numbers the
     * registrations in order, and every JVM must give a class the same number whatever order its class path
     * lists the service files in.
     *
     * @throws IllegalStateException when there are none: the application jar lost its service file
     */
    private static List<KryoClasses> declarations() {
        List<KryoClasses> declarations = new ArrayList<>();
        ServiceLoader.load(KryoClasses.class, SparkPropKryoRegistrator.class.getClassLoader())
                .forEach(declarations::add);
        if (declarations.isEmpty()) {
            throw new IllegalStateException("no " + KryoClasses.class.getName() + " found: META-INF/services/"
                    + KryoClasses.class.getName() + " is missing from the class path");
        }
        declarations.sort(Comparator.comparing(declared -> declared.getClass().getName()));
        return declarations;
    }

    private static final String[] SQL_TYPES = {
        "org.apache.spark.sql.types.BooleanType$",
        "org.apache.spark.sql.types.ByteType$",
        "org.apache.spark.sql.types.ShortType$",
        "org.apache.spark.sql.types.IntegerType$",
        "org.apache.spark.sql.types.LongType$",
        "org.apache.spark.sql.types.FloatType$",
        "org.apache.spark.sql.types.DoubleType$",
        "org.apache.spark.sql.types.DecimalType",
        "org.apache.spark.sql.types.StringType",
        "org.apache.spark.sql.types.BinaryType$",
        "org.apache.spark.sql.types.DateType$",
        "org.apache.spark.sql.types.TimestampType$",
        "org.apache.spark.sql.types.ArrayType",
        "org.apache.spark.sql.types.StructType",
        "org.apache.spark.sql.types.StructField",
        "[Lorg.apache.spark.sql.types.StructField;",
        "[Lorg.apache.spark.sql.types.DataType;",
        "org.apache.spark.sql.types.Metadata",
        "org.apache.spark.ml.linalg.VectorUDT",
    };
}
