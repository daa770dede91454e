package io.github.sparkprop.internal.console;

import io.github.sparkprop.internal.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every command takes: where Spark runs, extra Spark settings, a job file, verbosity. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*], local[N], spark://host:port, yarn, k8s://... "
                    + "Default: spark-submit's, else local[*].")
    private String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).")
    private Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .properties job file whose keys are option names without the dashes, "
                    + "e.g. learning-rate=0.5; options on the command line win.")
    String config;

    @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Print stack traces of failures.")
    private boolean verbose;

    /**
     * A Hadoop configuration with the {@code spark.hadoop.*} settings of the JVM's system properties and of
     * --conf, for reading files without starting Spark (inspect, and the checks made before Spark starts).
     */
    public org.apache.hadoop.conf.Configuration hadoopConfiguration() {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("spark.hadoop."))
                .forEach(key -> hadoop.set(key.substring("spark.hadoop.".length()), System.getProperty(key)));
        conf.forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        return hadoop;
    }

    /** Whether stack traces of failures are wanted. */
    public boolean verbose() {
        return verbose;
    }

    /** The active SparkSession, or a new one with these options. */
    public SparkSession session() {
        return SparkSessions.getOrCreate(master, conf);
    }
}
