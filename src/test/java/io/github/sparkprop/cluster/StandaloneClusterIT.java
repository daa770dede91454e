package io.github.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.testing.ClusterData;
import io.github.sparkprop.testing.StandaloneCluster;
import io.github.sparkprop.testing.SubmittedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
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

    private static StandaloneCluster cluster;
    private static Path reference;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        FileUtils.deleteDirectory(WORK.toFile());
        ClusterData.writeCsvParts(WORK.resolve("data"));
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
        SubmittedJob localRun = SubmittedJob.start(WORK.resolve("local.log"), localCommand(local));
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
    @Test
    @Order(2)
    void anExecutorLostMidTrainingLosesNothing() throws Exception {
        Path reference = undisturbedClusterModel();
        Path model = WORK.resolve("models/executor-lost");
        FileUtils.deleteDirectory(model.toFile());
        SubmittedJob job = SubmittedJob.start(WORK.resolve("executor-lost.log"), clusterCommand(model));
        try {
            job.awaitOutput("iteration 30/" + ClusterData.ITERATIONS, 3);
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
    @Test
    @Order(3)
    void aDriverLostMidTrainingIsResumed() throws Exception {
        Path reference = undisturbedClusterModel();
        Path model = WORK.resolve("models/driver-lost");
        Path checkpoints = WORK.resolve("checkpoints/driver-lost");
        FileUtils.deleteDirectory(model.toFile());
        FileUtils.deleteDirectory(checkpoints.toFile());
        List<String> command = clusterCommand(model);
        command.addAll(List.of("--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "20"));
        SubmittedJob killed = SubmittedJob.start(WORK.resolve("driver-lost.log"), command);
        try {
            killed.awaitOutput("iteration 50/" + ClusterData.ITERATIONS, 3);
        } finally {
            killed.kill();
        }
        assertFalse(Files.exists(model), "the killed run wrote a model");
        command.add("--resume");
        SubmittedJob resumed = SubmittedJob.start(WORK.resolve("driver-resumed.log"), command);
        assertEquals(0, resumed.waitFor(), resumed.output());
        assertTrue(resumed.output().contains("resuming"), resumed.output());
        assertSameWeights(reference, model);
    }

    /** The model of the undisturbed cluster run (trained on first use). */
    private static synchronized Path undisturbedClusterModel() throws Exception {
        if (reference == null) {
            Path model = WORK.resolve("models/cluster");
            SubmittedJob job = SubmittedJob.start(WORK.resolve("cluster.log"), clusterCommand(model));
            assertEquals(0, job.waitFor(), job.output());
            reference = model;
        }
        return reference;
    }

    private static void assertSameWeights(Path expected, Path actual) {
        ClusterData.assertSameWeights(expected.toString(), actual.toString(), new Configuration());
    }

    private static List<String> trainingOptions(Path model) {
        return ClusterData.trainingOptions(WORK.resolve("data").toString(), model.toString());
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
}
