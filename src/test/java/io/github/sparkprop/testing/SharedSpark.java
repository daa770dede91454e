package io.github.sparkprop.testing;

import io.github.sparkprop.internal.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of a test JVM (Surefire runs all tests of an execution in one JVM),
 * configured as production is: Kryo with sparkprop's registrator, and here with registration required, so
 * that every test also proves the registrations. The tests that run MLlib beside sparkprop (tag
 * {@value #MLLIB}) run in a Surefire execution of their own whose session does not require registration:
 * MLlib sends classes that Spark does not register. Spark's shutdown hook stops the session.
 */
public final class SharedSpark {

    /** The JUnit tag of tests that run MLlib in the same session. */
    public static final String MLLIB = "mllib";

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.getOrCreate("local[2]", Map.of(
                    "spark.ui.enabled", "false",
                    "spark.sql.shuffle.partitions", "4",
                    "spark.kryo.registrationRequired",
                    System.getProperty("sparkprop.test.registrationRequired", "true")));
        }
        return session;
    }

    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
