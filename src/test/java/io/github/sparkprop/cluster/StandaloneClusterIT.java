package io.github.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.model.Model;
import io.github.sparkprop.model.ModelStore;
import io.github.sparkprop.testing.StandaloneCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * sparkprop on a real standalone cluster (a Master and two one-core Workers, separate processes started by
 * submit/cluster-up.sh), submitted by submit/standalone.sh as a user would: the model equals the local[2]
 * run's, an executor killed mid-training loses nothing, and a driver killed mid-training is resumed from its
 * checkpoints to the same model. Runs after packaging (Failsafe), since the scripts submit the
 * application jar.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final Path WORK = Path.of("target", "cluster-it").toAbsolutePath();
    private static final int ITERATIONS = 150;
    /** Relative difference allowed between two runs' weights (the order of floating-point sums may differ). */
    private static final double SAME = 1e-9;

    private static StandaloneCluster cluster;
    private static Path reference;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        deleteRecursively(WORK);
        writeData(WORK.resolve("data"));
        cluster = StandaloneCluster.start(WORK.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster == null) {
            return;
        }
        // drivers a failed test left running, then the cluster
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> started = cluster.processes();
        cluster.close();
        List<Long> survivors = new ArrayList<>();
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                survivors.add(process.pid());
                process.destroyForcibly();
            }
        }
        assertEquals(List.of(), survivors, "still running 30 s after cluster-down.sh (now killed)");
    }

    /**
     * The undisturbed cluster run's model equals the same command's in local[2], and both Workers' executors
     * ran tasks (the data were spread over them).
     */
    @Test
    @Order(1)
    void theClusterTrainsTheModelThatLocalModeTrains() throws Exception {
        Path local = WORK.resolve("models/local");
        Job localRun = Job.start(WORK.resolve("local.log"), localCommand(local));
        assertEquals(0, localRun.waitFor(), localRun.output());
        Path onCluster = undisturbedClusterModel();
        assertSameWeights(local, onCluster);
        for (int worker = 1; worker <= 2; worker++) {
            assertTrue(executorLogsContain(worker, "Running task"), "worker " + worker + " ran no task");
        }
    }

    /**
     * kill -9 of one executor JVM in the middle of training: Spark re-runs its tasks, the cached blocks it held
     * are recomputed from the input, and the model is the undisturbed run's.
     */
    @RepeatedTest(3)
    @Order(2)
    void anExecutorLostMidTrainingLosesNothing() throws Exception {
        Path reference = undisturbedClusterModel();
        Path model = WORK.resolve("models/executor-lost");
        deleteRecursively(model);
        Job job = Job.start(WORK.resolve("executor-lost.log"), clusterCommand(model));
        try {
            job.awaitOutput("iteration 30/" + ITERATIONS, 3);
            ProcessHandle executor = cluster.executorOf(1).orElseThrow(() -> new AssertionError("no executor"));
            executor.destroyForcibly();
            executor.onExit().get(30, TimeUnit.SECONDS);
            assertEquals(0, job.waitFor(), job.output());
        } finally {
            job.kill();
        }
        assertTrue(job.output().contains("Lost executor"), "the driver did not report the lost executor");
        assertSameWeights(reference, model);
    }

    /**
     * kill -9 of the driver in the middle of training, then the same command with --resume: it goes on from the
     * newest checkpoint to the undisturbed run's model.
     */
    @RepeatedTest(3)
    @Order(3)
    void aDriverLostMidTrainingIsResumed() throws Exception {
        Path reference = undisturbedClusterModel();
        Path model = WORK.resolve("models/driver-lost");
        Path checkpoints = WORK.resolve("checkpoints/driver-lost");
        deleteRecursively(model);
        deleteRecursively(checkpoints);
        List<String> command = clusterCommand(model);
        command.addAll(List.of("--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "20"));
        Job killed = Job.start(WORK.resolve("driver-lost.log"), command);
        try {
            killed.awaitOutput("iteration 50/" + ITERATIONS, 3);
        } finally {
            killed.kill();
        }
        assertFalse(Files.exists(model), "the killed run wrote a model");
        command.add("--resume");
        Job resumed = Job.start(WORK.resolve("driver-resumed.log"), command);
        assertEquals(0, resumed.waitFor(), resumed.output());
        assertTrue(resumed.output().contains("resuming"), resumed.output());
        assertSameWeights(reference, model);
    }

    /** The model of the undisturbed cluster run (trained on first use). */
    private static synchronized Path undisturbedClusterModel() throws Exception {
        if (reference == null) {
            Path model = WORK.resolve("models/cluster");
            Job job = Job.start(WORK.resolve("cluster.log"), clusterCommand(model));
            assertEquals(0, job.waitFor(), job.output());
            reference = model;
        }
        return reference;
    }

    private static List<String> localCommand(Path model) {
        List<String> command = new ArrayList<>(List.of("submit/local.sh", "train", "--master", "local[2]"));
        command.addAll(trainingOptions(model));
        return command;
    }

    private static List<String> clusterCommand(Path model) {
        List<String> command = new ArrayList<>(List.of("submit/standalone.sh", cluster.masterUrl(), "train"));
        command.addAll(trainingOptions(model));
        return command;
    }

    /** Adam on half-batches through a hidden layer: optimizer state and mini-batches both must survive. */
    private static List<String> trainingOptions(Path model) {
        return new ArrayList<>(List.of("--input", WORK.resolve("data").toString(), "--hidden", "16",
                "--optimizer", "adam", "--learning-rate", "0.01", "--batch-fraction", "0.5", "--seed", "7",
                "--iterations", String.valueOf(ITERATIONS), "--log-every", "1", "--output", model.toString()));
    }

    private static void assertSameWeights(Path expected, Path actual) {
        Configuration conf = new Configuration();
        double[] a = ModelStore.load(expected.toString(), conf).weights();
        double[] b = ModelStore.load(actual.toString(), conf).weights();
        assertEquals(a.length, b.length);
        double scale = 0;
        double difference = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
        }
        assertTrue(scale > 0 && difference <= SAME * scale,
                "weights differ by " + difference + " (largest weight " + scale + ")");
    }

    private static boolean executorLogsContain(int worker, String text) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.workerDir(worker))) {
            for (Path log : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                if (Files.readString(log).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Four CSV part files (so the input has four splits and nothing is shuffled) of 3,000 rows each: 10
     * features and a label of 3 classes that depends on them non-linearly.
     */
    private static void writeData(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        for (int part = 0; part < 4; part++) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("part-" + part + ".csv")))) {
                out.println("label,x0,x1,x2,x3,x4,x5,x6,x7,x8,x9");
                for (int row = 0; row < 3000; row++) {
                    double[] x = new double[10];
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < x.length; i++) {
                        x[i] = random.nextGaussian();
                        line.append(',').append(String.format(Locale.ROOT, "%.6f", x[i]));
                    }
                    double score = x[0] * x[1] + Math.sin(x[2]) - 0.5 * x[3] + 0.3 * random.nextGaussian();
                    int label = score < -0.5 ? 0 : score < 0.5 ? 1 : 2;
                    out.println(label + line.toString());
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A sparkprop command run by a submit script, its output (standard output and error) in a file. */
    private record Job(Process process, Path log) {

        static Job start(Path log, List<String> command) throws IOException {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            return new Job(builder.start(), log);
        }

        /** Waits until the output shows the text (failing after {@code minutes}). */
        void awaitOutput(String text, int minutes) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            while (!output().contains(text)) {
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

        int waitFor() throws InterruptedException {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the job did not finish within 5 minutes");
            }
            return process.exitValue();
        }

        /** kill -9 (the scripts exec java, so this is the driver JVM). */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }
    }
}
