package io.github.sparkprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.github.sparkprop.data.DataSummary;
import io.github.sparkprop.data.HoldOut;
import io.github.sparkprop.data.Sample;
import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.evaluate.ScoreSum;
import io.github.sparkprop.math.SparseColumns;
import io.github.sparkprop.train.GradientSum;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes sparkprop sends between JVMs or caches, so that Kryo writes a small id instead of
 * a class name, and {@code spark.kryo.registrationRequired=true} works.
 */
public final class SparkPropKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(double[].class);
        kryo.register(long[].class);
        kryo.register(int[].class);
        kryo.register(SparseColumns.class);
        kryo.register(SampleBlock.class);
        kryo.register(HoldOut.Role.class);
        kryo.register(Sample.class);
        kryo.register(GradientSum.class);
        kryo.register(ScoreSum.class);
        // once per input: its maps and MLlib's summarizer go through Java serialization
        kryo.register(DataSummary.class, new JavaSerializer());
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
