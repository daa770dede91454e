package io.github.sparkprop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** sparkprop's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {

    /** The project version, e.g. 0.1.0-SNAPSHOT. */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/io/github/sparkprop/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sparkprop " + get(), "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                + ", Java " + System.getProperty("java.version")};
    }
}
