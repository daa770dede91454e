package io.github.sparkprop.internal;

import org.apache.spark.sql.SparkSession;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for the command line: instead of the JVM's shutdown in the middle of a Spark job (which
 * reports "Job aborted" and exits with the job half done), the first signal cancels the running Spark jobs, and
 * those submitted after it, so that the command ends in its own words (the iteration it reached and the checkpoint
 * to resume from; nothing half-written) with the signal's conventional exit code: 143 for SIGTERM, 130 for SIGINT.
 * A command that runs no Spark job exits at once; a second signal ends the process at once.
 */
public final class Interruption {

    /** How long the command is given to end in its own words before the process exits anyway. */
    private static final long GRACE_MILLIS = 30_000;

    private static volatile int exitCode;

    private Interruption() {
    }

    /** Handles SIGTERM and SIGINT so; for the command line's process, not for a library in someone's JVM. */
    public static void install() {
        Signal.handle(new Signal("TERM"), signal -> raise(143));
        Signal.handle(new Signal("INT"), signal -> raise(130));
    }

    /** Whether a signal came. */
    public static boolean raised() {
        return exitCode != 0;
    }

    /** The exit code of the signal that came (143 or 130), or 0. */
    public static int exitCode() {
        return exitCode;
    }

    private static void raise(int code) {
        if (exitCode != 0) {
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
        if (SparkSession.getDefaultSession().isEmpty()) {
            System.exit(code); // no Spark job to end: nothing is half done but what exiting stops
        }
        Thread canceller = new Thread(() -> {
            long deadline = System.currentTimeMillis() + GRACE_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                SparkSession.getDefaultSession().foreach(session -> {
                    session.sparkContext().cancelAllJobs();
                    return null;
                });
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("sparkprop: interrupted");
            System.exit(code);
        }, "sparkprop interruption");
        canceller.setDaemon(true);
        canceller.start();
    }
}
