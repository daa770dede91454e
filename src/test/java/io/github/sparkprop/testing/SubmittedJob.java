package io.github.sparkprop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sparkprop command run by one of the scripts of submit/, as a user runs it: a separate process, its
 * output (standard output and error) in a file.
 */
public record SubmittedJob(Process process, Path log) {

    /** Starts the command from the project's directory, with extra environment variables. */
    public static SubmittedJob start(Path log, List<String> command, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(environment);
        return new SubmittedJob(builder.start(), log);
    }

    public static SubmittedJob start(Path log, List<String> command) throws IOException {
        return start(log, command, Map.of());
    }

    /** Waits until the output shows the text (failing after {@code minutes}). */
    public void awaitOutput(String text, int minutes) throws IOException, InterruptedException {
        awaitText(text, minutes, this::output);
    }

    /**
     * Waits until {@code source} shows the text, while the job runs (failing after {@code minutes}, or when the
     * job ends first).
     */
    public void awaitText(String text, int minutes, TextSource source) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (!source.text().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the job ended (exit " + process.exitValue() + ") before '" + text
                        + "':\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + minutes + " minutes:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the job's end (at most {@code minutes}) and returns its exit code. */
    public int waitFor(int minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the job did not finish within " + minutes + " minutes:\n" + output());
        }
        return process.exitValue();
    }

    public int waitFor() throws InterruptedException {
        return waitFor(5);
    }

    /** kill -9 (the scripts exec java, so this is the JVM that runs the command). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Text that grows while a job runs (its output, or a log file of the cluster's). */
    @FunctionalInterface
    public interface TextSource {
        String text() throws IOException;
    }
}
