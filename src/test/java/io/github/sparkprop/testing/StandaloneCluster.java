package io.github.sparkprop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster for a test class: a Master and Workers as separate processes on
 * 127.0.0.1, started and stopped by the project's own {@code submit/cluster-up.sh} and
 * {@code submit/cluster-down.sh}. A JVM shutdown hook stops it too, should the test JVM end early.
 */
public final class StandaloneCluster implements AutoCloseable {

    private final Path dir;
    private final String masterUrl;
    private final List<Long> daemons;
    private final Thread shutdownHook;

    private StandaloneCluster(Path dir, String masterUrl, List<Long> daemons) {
        this.dir = dir;
        this.masterUrl = masterUrl;
        this.daemons = daemons;
        this.shutdownHook = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a Master and {@code workers} one-core Workers, with logs and pids in {@code dir}. */
    public static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path output = Files.createTempFile("cluster-up", ".log");
        Process up = script(dir, "submit/cluster-up.sh", String.valueOf(workers)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean done = up.waitFor(3, TimeUnit.MINUTES);
        if (!done || up.exitValue() != 0) {
            up.destroyForcibly();
            script(dir, "submit/cluster-down.sh").start().waitFor(1, TimeUnit.MINUTES);
            throw new IllegalStateException("submit/cluster-up.sh failed" + (done ? " with " + up.exitValue() : "")
                    + ":\n" + Files.readString(output));
        }
        List<Long> daemons = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("pids"))) {
            daemons.add(Long.parseLong(line.split(" ")[0]));
        }
        return new StandaloneCluster(dir, Files.readString(dir.resolve("master-url")).trim(), daemons);
    }

    /** A project script (run from the project's directory) that acts on the cluster in dir. */
    private static ProcessBuilder script(Path dir, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPARKPROP_CLUSTER_DIR", dir.toAbsolutePath().toString());
        return builder;
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** The pid of Worker i (1-based). */
    public long workerPid(int i) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("pids"))) {
            String[] parts = line.split(" ");
            if (parts[1].equals("worker-" + i)) {
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalArgumentException("no worker-" + i);
    }

    /** The executor JVM that Worker i runs now, if any. */
    public Optional<ProcessHandle> executorOf(int worker) throws IOException {
        return ProcessHandle.of(workerPid(worker)).flatMap(w -> w.children()
                .filter(p -> Processes.commandLine(p.pid()).contains("CoarseGrainedExecutorBackend")).findFirst());
    }

    /** The work directory of Worker i, where its executors write their logs. */
    public Path workerDir(int worker) {
        return dir.resolve("worker-" + worker);
    }

    /** The Master, the Workers and the executors they run now. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        for (long pid : daemons) {
            ProcessHandle.of(pid).ifPresent(p -> {
                all.add(p);
                p.children().forEach(all::add);
            });
        }
        return all;
    }

    /** Stops the cluster with submit/cluster-down.sh. */
    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        stop();
    }

    private void stop() {
        try {
            Process down = script(dir, "submit/cluster-down.sh").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            down.waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new IllegalStateException("submit/cluster-down.sh could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
