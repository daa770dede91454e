package io.github.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.testing.ClusterData;
import io.github.sparkprop.testing.HadoopCluster;
import io.github.sparkprop.testing.SubmittedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * sparkprop on a real YARN beside a real HDFS (MiniYARNCluster with two NodeManagers, MiniDFSCluster with
 * three DataNodes and replication 2, all on loopback), submitted by submit/yarn.sh as a user would, without a
 * Spark distribution: the Hadoop configuration in HADOOP_CONF_DIR, Spark's jars uploaded once to HDFS as
 * {@code spark.yarn.archive}. Input (CSV and Parquet) and models are on HDFS, and every model equals the
 * local[2] run's: in cluster and client mode, with an executor container killed mid-training, and with a
 * DataNode stopped as the input is read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnHdfsIT {

    private static final Path WORK = Path.of("target", "yarn-it-work").toAbsolutePath();
    private static final String EXECUTOR = "YarnCoarseGrainedExecutorBackend";

    private static HadoopCluster hadoop;
    private static FileSystem hdfs;
    private static String localModel;

    @BeforeAll
    static void startYarnAndHdfs() throws Exception {
        FileUtils.deleteDirectory(WORK.toFile());
        FileUtils.deleteDirectory(Path.of("target", "yarn-it").toFile());
        FileUtils.deleteDirectory(Path.of("target", "test", "data", "yarn-it").toFile());
        Path data = WORK.resolve("data");
        ClusterData.writeCsvParts(data);
        hadoop = HadoopCluster.start("yarn-it", 3, 2, 2, 4096);
        hdfs = hadoop.fileSystem();
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.toUri()), new org.apache.hadoop.fs.Path("/data/csv"));
        writeParquetCopy(hadoop.uri("/data/csv"), hadoop.uri("/data/parquet"));
        hdfs.copyFromLocalFile(true, new org.apache.hadoop.fs.Path(sparkJarsArchive(WORK.resolve("spark-jars.zip"))
                .toUri()), new org.apache.hadoop.fs.Path("/apps/spark/spark-jars.zip")); // the local copy deleted

        localModel = WORK.resolve("models/local").toUri().toString();
        List<String> command = new ArrayList<>(List.of("submit/local.sh", "train", "--master", "local[2]"));
        command.addAll(ClusterData.trainingOptions(data.toString(), localModel));
        SubmittedJob local = SubmittedJob.start(WORK.resolve("local.log"), command);
        assertEquals(0, local.waitFor(), local.output());
    }

    @AfterAll
    static void stopYarnAndHdfs() {
        // jobs a failed test left running and their containers, then the cluster
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        if (hadoop != null) {
            hadoop.close();
        }
    }

    /**
     * Cluster mode (the driver in a YARN container) on CSV in HDFS, the model written to HDFS, and kill -9 of one
     * executor container in the middle of training: YARN reports the container lost, Spark asks for another,
     * re-runs the lost tasks and recomputes the cached blocks the executor held; the model is the same, and no
     * temporary directory is left beside it.
     */
    @Test
    @Order(1)
    void clusterModeOnCsvWithAnExecutorContainerKilledMidTrainingLosesNothing() throws Exception {
        String model = hadoop.uri("/models/executor-killed");
        YarnRun run = YarnRun.start("cluster", "executor-killed", "/data/csv", model);
        try {
            run.job().awaitText("iteration 30/" + ClusterData.ITERATIONS, 5, run::containerOutput);
            List<ProcessHandle> executors = hadoop.containerJvms(EXECUTOR);
            assertEquals(2, executors.size(), "executor containers running");
            executors.get(0).destroyForcibly();
            executors.get(0).onExit().get(30, TimeUnit.SECONDS);
            assertEquals(0, run.job().waitFor(10), run.job().output());
        } finally {
            run.job().kill();
        }
        String driver = run.containerOutput();
        assertTrue(driver.contains("iteration " + ClusterData.ITERATIONS + "/"), "the driver's container log shows "
                + "no training");
        assertTrue(driver.contains("Lost executor"), "the driver did not report the lost executor");
        assertSameAsLocal(model);
        assertEquals(0, hdfs.listStatus(new org.apache.hadoop.fs.Path("/models"),
                p -> p.getName().startsWith(".")).length, "a temporary directory was left beside the model");
    }

    /**
     * A bad input in cluster mode: the driver's one line is in its container log, and YARN reports the
     * application failed with the command's exit code (2), which spark-submit passes on as a failure.
     */
    @Test
    @Order(2)
    void aBadInputInClusterModeFailsTheApplicationWithExitCode2() throws Exception {
        YarnRun run = YarnRun.start("cluster", "bad-input", "/data/missing", hadoop.uri("/models/never"));
        assertEquals(1, run.job().waitFor(10), run.job().output());
        assertTrue(run.job().output().contains("User application exited with status 2"), run.job().output());
        assertTrue(run.containerOutput().contains("input not found: " + hadoop.uri("/data/missing")),
                "the driver's container log lacks the one-line error");
        assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path("/models/never")));
    }

    /**
     * Client mode (the driver here, its progress on this terminal) on Parquet in HDFS, and a DataNode that holds
     * the input stops (as a crash would) once the driver's Spark has started and its executors run, before they
     * read the input: the reads that try it go on to the other copy, and the model's writes leave it out of their
     * pipelines. The job meets the stopped DataNode (its address in a warning of the executors or the driver) and
     * the model is the same. Last, since the cluster keeps two DataNodes from here on.
     */
    @Test
    @Order(3)
    void clientModeOnParquetWithADataNodeStoppedAsTheInputIsReadLosesNothing() throws Exception {
        String model = hadoop.uri("/models/datanode-stopped");
        String firstPart = Arrays.stream(hdfs.listStatus(new org.apache.hadoop.fs.Path("/data/parquet")))
                .map(status -> status.getPath().getName()).filter(name -> name.startsWith("part-")).sorted()
                .findFirst().orElseThrow();
        int holder = hadoop.dataNodeHoldingFirstBlock("/data/parquet/" + firstPart);
        YarnRun run = YarnRun.start("client", "datanode-stopped", "/data/parquet", model);
        String stopped;
        try {
            awaitExecutorContainer(run.job());
            stopped = hadoop.stopDataNode(holder);
            assertEquals(0, run.job().waitFor(10), run.job().output());
        } finally {
            run.job().kill();
        }
        assertTrue(run.job().output().contains("iteration " + ClusterData.ITERATIONS + "/"), run.job().output());
        assertTrue((run.job().output() + run.containerOutput()).contains(stopped),
                "nothing met the stopped DataNode " + stopped);
        assertSameAsLocal(model);
    }

    /** A run of {@code submit/yarn.sh train} on input in HDFS, and the YARN applications there were before. */
    private record YarnRun(SubmittedJob job, Set<String> before) {

        static YarnRun start(String deployMode, String name, String input, String model)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("submit/yarn.sh", "train"));
            command.addAll(ClusterData.trainingOptions(hadoop.uri(input), model));
            command.add("--verbose"); // a failure's stack trace in the test's log
            String submitArgs = String.join(" ",
                    "--conf spark.yarn.archive=" + hadoop.uri("/apps/spark/spark-jars.zip"),
                    "--num-executors 2 --executor-cores 1 --executor-memory 768m --driver-memory 768m",
                    "--conf spark.yarn.maxAppAttempts=1",
                    // no web UI: in client mode the application master, registering, adds its filter to the
                    // driver's UI, and when that comes while the UI attaches its pages Spark's start fails
                    // with a ConcurrentModificationException in Jetty (a race inside Spark, seen here twice
                    // in a row on a loaded machine; a real application master registers seconds later)
                    "--conf spark.ui.enabled=false",
                    // the application master's and the executors' servers on loopback, as this JVM's
                    "--conf spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                    "--conf spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1");
            Map<String, String> environment = Map.of("HADOOP_CONF_DIR", hadoop.confDir().toString(),
                    "DEPLOY_MODE", deployMode, "SPARK_SUBMIT_ARGS", submitArgs);
            Set<String> before = hadoop.applicationIds();
            return new YarnRun(SubmittedJob.start(WORK.resolve(name + ".log"), command, environment), before);
        }

        /** What the run's containers wrote so far (waiting until YARN has the application). */
        String containerOutput() throws IOException {
            return hadoop.containerOutput(application());
        }

        /** The id of the YARN application the job submitted, the one that was not there before. */
        String application() {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                Set<String> submitted = new HashSet<>(hadoop.applicationIds());
                submitted.removeAll(before);
                if (submitted.size() == 1) {
                    return submitted.iterator().next();
                }
                if (!submitted.isEmpty() || !job.process().isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("applications submitted: " + submitted + "\n" + job.output());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private static void awaitExecutorContainer(SubmittedJob job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (hadoop.containerJvms(EXECUTOR).isEmpty()) {
            if (!job.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no executor container started:\n" + job.output());
            }
            Thread.sleep(20);
        }
    }

    private static void assertSameAsLocal(String model) {
        ClusterData.assertSameWeights(localModel, model, hadoop.configuration());
    }

    /**
     * The CSV parts as Parquet, one file per part in the same order (so that the rows, and so the mini-batches,
     * are the CSV's), written by a local Spark.
     */
    private static void writeParquetCopy(String csvDir, String parquetDir) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("yarn-it-data")
                .config("spark.ui.enabled", false).getOrCreate();
        try {
            Dataset<Row> all = null;
            for (int part = 0; part < ClusterData.PARTS; part++) {
                Dataset<Row> rows = spark.read().option("header", true).option("inferSchema", true)
                        .csv(csvDir + "/part-" + part + ".csv");
                all = all == null ? rows : all.union(rows);
            }
            all.write().parquet(parquetDir);
        } finally {
            spark.stop();
        }
    }

    /** Spark's jars (the build's class path) as one zip, as Spark's YARN guide has spark.yarn.archive be. */
    private static Path sparkJarsArchive(Path zip) throws IOException {
        String classpath = Files.readString(Path.of("target", "classpath.txt")).trim();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(Deflater.NO_COMPRESSION);
            for (String entry : classpath.split(":")) {
                Path jar = Path.of(entry);
                out.putNextEntry(new ZipEntry(jar.getFileName().toString()));
                Files.copy(jar, out);
                out.closeEntry();
            }
        }
        return zip;
    }
}
