package io.github.sparkprop.testing;

import io.github.sparkprop.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of the test suite (Surefire runs all tests in one JVM), configured as
 * production is: Kryo with sparkprop's registrator and registration required. Spark's shutdown hook stops
 * it when the JVM ends.
 */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.getOrCreate("local[2]", Map.of(
                    "spark.ui.enabled", "false",
                    "spark.sql.shuffle.partitions", "4",
                    "spark.kryo.registrationRequired", "true"));
        }
        return session;
    }

    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
