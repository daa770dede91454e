package io.github.sparkprop.internal.bench;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.spark.SparkSessions;
import io.github.sparkprop.internal.train.IterationRecord;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The scaling case: a Spark standalone cluster of N one-core Workers started on 127.0.0.1 with the project's
 * {@code submit/cluster-up.sh} (real processes: a Master, the Workers, an executor JVM each), for each N asked
 * for, and networks of about 100k, 4M and 30M parameters trained on it with full-batch gradient descent: on data
 * of the same rows per executor (weak scaling: N part files, one partition each) and on the same data whatever N
 * (strong scaling: as many part files as the largest N). Each measured run follows a warm-up run of the same job;
 * its iterations' figures come from Spark's own listener events ({@link IterationMetrics}), averaged over the
 * iterations after the first. MLlib's MultilayerPerceptronClassifier (gd) runs on the weak-scaling data beside it.
 */
final class ClusterScaling {

    /** A network of the case and the rows each executor holds of it in the weak-scaling runs. */
    record Size(String name, int features, int[] hidden, int classes, int rowsPerExecutor) {
        int[] layers() {
            int[] layers = new int[hidden.length + 2];
            layers[0] = features;
            System.arraycopy(hidden, 0, layers, 1, hidden.length);
            layers[layers.length - 1] = classes;
            return layers;
        }
    }

    /** The networks: 99,466, 4,158,474 and 29,292,554 parameters. */
    static final List<Size> SIZES = List.of(new Size("100k", 100, new int[] {896}, 10, 5_000),
            new Size("4m", 1_000, new int[] {2_048, 1_024}, 10, 500),
            new Size("30m", 1_000, new int[] {4_096, 4_096, 2_048}, 10, 64));

    /** One measured run: N workers, a network, weak or strong scaling, and what an iteration cost. */
    record Run(int workers, String network, long parameters, String scaling, long rows, int partitions,
            double secondsPerIteration, double jobSecondsPerIteration, double broadcastBytes,
            double broadcastFetchedBytes, double resultBytes, double driverResultBytes, double shuffleBytes,
            double taskRunSeconds, double taskCpuSeconds, double deserializeSeconds, double schedulerDelaySeconds,
            double tasks, int executorsLost, double mllibSecondsPerIteration) {
    }

    private final Path home;
    private final String workDir;
    private final int iterations;
    private final PrintWriter out;
    private final Map<String, String> conf;

    /**
     * @param home       the project directory (its submit/ scripts and target/sparkprop.jar)
     * @param iterations iterations of each run
     * @param conf       Spark settings of the case's sessions (the cluster's master is added)
     */
    private ClusterScaling(Path home, String workDir, int iterations, PrintWriter out, Map<String, String> conf) {
        this.home = home;
        this.workDir = workDir;
        this.iterations = iterations;
        this.out = out;
        this.conf = conf;
    }

    /**
     * The runs of the case, cluster by cluster, each cluster stopped before the next starts. The bench's own
     * session is stopped first (a JVM has one SparkContext).
     *
     * @param sizes the networks, by name ({@link #SIZES})
     */
    static List<Run> measure(SparkSession bench, String workDir, List<Integer> workers, List<String> sizes,
            int iterations, boolean mllib, String executorMemory, PrintWriter out)
            throws IOException, InterruptedException {
        Path home = projectHome();
        Path jar = home.resolve("target/sparkprop.jar");
        String jvmOptions = Files.readAllLines(home.resolve("conf/jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.joining(" "));
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.jars", jar.toString());
        conf.put("spark.executor.extraJavaOptions", jvmOptions);
        conf.put("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        conf.put("spark.executor.memory", executorMemory);
        conf.put("spark.executor.cores", "1");
        bench.stop();
        ClusterScaling scaling = new ClusterScaling(home, workDir, iterations, out, conf);
        int most = workers.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Run> runs = new ArrayList<>();
        for (int n : workers) {
            runs.addAll(scaling.onCluster(n, most, SIZES.stream().filter(s -> sizes.contains(s.name())).toList(),
                    mllib));
        }
        return runs;
    }

    /** The project directory: where submit/local.sh, which started this JVM, lives. */
    private static Path projectHome() {
        String launcher = System.getProperty("sparkprop.launcher");
        if (launcher == null) {
            throw new InputException("the scaling case starts Spark standalone clusters with the project's "
                    + "submit/cluster-up.sh: run it as submit/local.sh bench --cases scaling, from a clone of the "
                    + "project");
        }
        return Path.of(launcher).toAbsolutePath().getParent().getParent();
    }

    private List<Run> onCluster(int workers, int most, List<Size> sizes, boolean mllib)
            throws IOException, InterruptedException {
        Path dir = Path.of(workDir, "cluster").toAbsolutePath();
        String master = script(dir, "submit/cluster-up.sh", String.valueOf(workers));
        Thread stopper = new Thread(() -> {
            try {
                script(dir, "submit/cluster-down.sh");
            } catch (IOException | InterruptedException e) {
                System.err.println("scaling: submit/cluster-down.sh failed: " + e);
            }
        }, "sparkprop scaling cluster-down");
        Runtime.getRuntime().addShutdownHook(stopper); // the bench stopped early: its cluster too
        out.printf("scaling: a cluster of %d one-core workers at %s%n", workers, master);
        out.flush();
        List<Run> runs = new ArrayList<>();
        try {
            Map<String, String> settings = new LinkedHashMap<>(conf);
            settings.put("spark.cores.max", String.valueOf(workers));
            SparkSession spark = SparkSessions.getOrCreate(master, settings);
            awaitExecutors(spark, workers);
            IterationMetrics metrics = new IterationMetrics();
            spark.sparkContext().addSparkListener(metrics);
            Benchmark benchmark = new Benchmark(spark, iterations, 1);
            try {
                for (Size size : sizes) {
                    String data = Benchmark.synthetic(spark,
                            workDir + "/scaling-" + size.name() + "-" + most + ".parquet",
                            (long) size.rowsPerExecutor() * most, size.features(), size.classes(), 5, most);
                    List<String> parts = partFiles(data);
                    List<String> weak = parts.subList(0, workers);
                    runs.add(run(spark, benchmark, metrics, workers, size, "weak", weak, workers, mllib));
                    runs.add(run(spark, benchmark, metrics, workers, size, "strong", parts, most, false));
                }
            } finally {
                spark.stop();
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            script(dir, "submit/cluster-down.sh");
        }
        return runs;
    }

    private Run run(SparkSession spark, Benchmark benchmark, IterationMetrics metrics, int workers, Size size,
            String scaling, List<String> files, int partitions, boolean mllib) {
        try (TrainingJob job = TrainingJob.prepare(spark, benchmark.gradientDescent(files, size.hidden(), partitions,
                Precision.FLOAT64, 0.1))) {
            job.run();
            waitForEvents(spark);
            metrics.clear();
            TrainingResult result = job.run();
            waitForEvents(spark);
            List<IterationMetrics.Iteration> measured = new ArrayList<>(metrics.iterations().values());
            List<IterationRecord> history = result.run().history();
            int from = Math.min(1, history.size() - 1);
            double seconds = history.subList(from, history.size()).stream().mapToDouble(IterationRecord::seconds)
                    .average().orElse(Double.NaN);
            List<IterationMetrics.Iteration> its = measured.subList(Math.min(1, measured.size() - 1), measured.size());
            double mllibSeconds = mllib ? mllibSecondsPerIteration(spark, files, size, partitions) : Double.NaN;
            Network network = job.network();
            Run run = new Run(workers, size.name(), network.parameterCount(), scaling, job.trainingData().rows(),
                    partitions, seconds, mean(its, it -> it.jobSeconds), mean(its, it -> it.broadcastBytes),
                    mean(its, it -> it.broadcastFetchedBytes), mean(its, it -> it.resultBytes),
                    mean(its, it -> it.driverResultBytes), mean(its, it -> it.shuffleBytes),
                    mean(its, it -> it.runSeconds), mean(its, it -> it.cpuSeconds),
                    mean(its, it -> it.deserializeSeconds), mean(its, it -> it.schedulerDelaySeconds),
                    mean(its, it -> it.tasks), metrics.executorsLost(), mllibSeconds);
            out.printf("scaling %d workers, %s (%,d parameters), %s, %,d rows: %.3f s an iteration, %.1f MB "
                    + "broadcast, %.1f MB to the driver%s%s%n", workers, size.name(), run.parameters(), scaling,
                    run.rows(), seconds, run.broadcastBytes() / 1e6, run.driverResultBytes() / 1e6,
                    mllib ? String.format(", MLlib %.3f s", mllibSeconds) : "", run.executorsLost() == 0 ? ""
                            : ", " + run.executorsLost() + " executors lost (the figures include the recovery)");
            out.flush();
            return run;
        }
    }

    /**
     * MLlib's MultilayerPerceptronClassifier (gd, sigmoid) on the same files: fit time over iterations; NaN, said
     * so, when it fails (its executors' memory is the case's, sized for sparkprop).
     */
    private double mllibSecondsPerIteration(SparkSession spark, List<String> files, Size size, int partitions) {
        try {
            return timeMllib(spark, files, size, partitions);
        } catch (Exception e) { // Spark's SparkException too, which Scala throws undeclared
            out.printf("scaling: MLlib's network %s failed on %d partitions: %s%n", size.name(), partitions,
                    e.getMessage() == null ? e : e.getMessage().lines().findFirst().orElse(""));
            return Double.NaN;
        }
    }

    private double timeMllib(SparkSession spark, List<String> files, Size size, int partitions) {
        Dataset<Row> frame = spark.read().parquet(files.toArray(String[]::new)).repartition(partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            frame.count();
            MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier().setLayers(size.layers())
                    .setSolver("gd").setStepSize(0.1).setMaxIter(iterations).setTol(0).setBlockSize(128).setSeed(1L);
            mllib.fit(frame);
            long start = System.nanoTime();
            mllib.fit(frame);
            return (System.nanoTime() - start) / 1e9 / iterations;
        } finally {
            frame.unpersist();
        }
    }

    private static double mean(List<IterationMetrics.Iteration> its,
            java.util.function.ToDoubleFunction<IterationMetrics.Iteration> figure) {
        return its.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static List<String> partFiles(String dir) {
        File[] parts = new File(dir).listFiles((d, name) -> name.startsWith("part-") && name.endsWith(".parquet"));
        Arrays.sort(parts);
        return Arrays.stream(parts).map(File::getPath).toList();
    }

    /** Waits until the listeners have seen every event posted so far. */
    private static void waitForEvents(SparkSession spark) {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.MINUTES.toMillis(1));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listeners did not catch up within a minute", e);
        }
    }

    /** Waits until the cluster's executors have all registered (at most 2 minutes). */
    private static void awaitExecutors(SparkSession spark, int workers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        // the driver's own block manager is listed too
        while (spark.sparkContext().getExecutorMemoryStatus().size() < workers + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster's " + workers
                        + " executors did not register in 2 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Runs a project script on the cluster in dir; its last line of output (cluster-up.sh: the master URL). */
    private String script(Path dir, String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(command));
        words.set(0, home.resolve(command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(words).directory(home.toFile());
        builder.environment().put("SPARKPROP_CLUSTER_DIR", dir.toString());
        builder.environment().put("SPARKPROP_WORKER_MEMORY", conf.get("spark.executor.memory")); // one executor each
        Path log = Files.createTempFile("sparkprop-cluster", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
        List<String> lines = Files.readAllLines(log);
        Files.delete(log);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }
}
