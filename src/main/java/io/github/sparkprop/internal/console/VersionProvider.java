package io.github.sparkprop.internal.console;

import io.github.sparkprop.internal.Version;
import picocli.CommandLine;

/** What {@code sparkprop --version} prints: sparkprop's, Spark's and Java's versions. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"sparkprop " + Version.get(), "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                + ", Java " + System.getProperty("java.version")};
    }
}
