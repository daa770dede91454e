package io.github.sparkprop.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** sparkprop's version, from the build. */
public final class Version {

    private Version() {
    }

    /** The project version, e.g. 0.1.0-SNAPSHOT, or "unknown" outside a build. */
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
}
