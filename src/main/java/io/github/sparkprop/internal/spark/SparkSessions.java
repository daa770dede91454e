package io.github.sparkprop.internal.spark;

import io.github.sparkprop.SettingException;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession sparkprop runs in. Under spark-submit the master and settings come from it; otherwise
 * the master defaults to {@code local[*]}. Kryo with sparkprop's registrations is the default serializer.
 */
public final class SparkSessions {

    /** The master used when none is given and the JVM was not started by spark-submit. */
    public static final String DEFAULT_MASTER = "local[*]";

    /** The master URLs Spark knows (local[N, F] with retries, local-cluster for tests, the cluster managers). */
    private static final java.util.regex.Pattern MASTER_URL = java.util.regex.Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\s*\\d+)?])?|local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+]|spark://.+|yarn|k8s://.+");

    private SparkSessions() {
    }

    /**
     * The active session, or a new one.
     *
     * @param master   the master URL, or null for spark-submit's or {@link #DEFAULT_MASTER}
     * @param settings extra Spark settings (--conf key=value), which win over the defaults
     */
    public static SparkSession getOrCreate(String master, Map<String, String> settings) {
        if (master != null && !MASTER_URL.matcher(master).matches()) {
            throw new SettingException("master", master, "must be a Spark master URL: local, local[N], local[*], "
                    + "spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", "sparkprop");
        if (conf.get("spark.master").startsWith("local")) {
            // in local mode the tasks run in the command's own JVM: an out-of-memory error in one fails the job
            // (and the command says so in one line) instead of Spark's handler exiting the JVM with code 52
            conf.setIfMissing("spark.executor.killOnFatalError.depth", "0");
        }
        applyDefaults(conf);
        settings.forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * Kryo with sparkprop's classes registered, unless already set. Registration is not required by
     * default: sparkprop's own classes are all registered (its tests run with
     * {@code spark.kryo.registrationRequired=true}), but Spark's CSV schema inference and MLlib send classes
     * that Spark itself does not register, and a long job should not die of a missing registration.
     */
    public static void applyDefaults(SparkConf conf) {
        conf.setIfMissing("spark.serializer", KryoSerializer.class.getName());
        conf.setIfMissing("spark.kryo.registrator", SparkPropKryoRegistrator.class.getName());
    }
}
