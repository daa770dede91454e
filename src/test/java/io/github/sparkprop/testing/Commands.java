package io.github.sparkprop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkprop.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a sparkprop command line in this JVM, on the suite's Spark session. */
public final class Commands {

    private Commands() {
    }

    /** Runs a command that must succeed (exit 0, else the test fails with its standard error) and returns its output. */
    public static String succeed(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }
}
