package io.github.sparkprop.internal.bench;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.spark.SparkSessions;
import io.github.sparkprop.internal.train.IterationRecord;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.math.Precision;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * (strong scaling: as many part files as the largest N). Each configuration runs once to warm up, then {@code
 * repeats} times measured, the weak and the strong run of a network in turn; its figures are those of the median
 * measured run (by seconds an iteration), which come from Spark's own listener events ({@link IterationMetrics}),
 * averaged over the iterations after the first; every measured run's seconds are kept beside them. MLlib's
 * MultilayerPerceptronClassifier (gd) runs on the weak-scaling data beside it, timed the same way.
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

    /**
     * One measured run: N workers, a network (its name and layer sizes), weak or strong scaling, and what an
     * iteration cost; repeatSeconds are the seconds an iteration of each measured run, in increasing order.
     */
    record Run(int workers, String network, int[] layers, long parameters, String scaling, long rows, int partitions,
            double secondsPerIteration, double jobSecondsPerIteration, double broadcastBytes,
            double broadcastFetchedBytes, double resultBytes, double driverResultBytes, double shuffleBytes,
            double taskRunSeconds, double taskCpuSeconds, double taskGcSeconds, double deserializeSeconds,
            double schedulerDelaySeconds, double tasks, int executorsLost, double mllibSecondsPerIteration,
            double[] repeatSeconds) {

        Run withRepeats(double mllibSeconds, double[] repeats) {
            return new Run(workers, network, layers, parameters, scaling, rows, partitions, secondsPerIteration,
                    jobSecondsPerIteration, broadcastBytes, broadcastFetchedBytes, resultBytes, driverResultBytes,
                    shuffleBytes, taskRunSeconds, taskCpuSeconds, taskGcSeconds, deserializeSeconds,
                    schedulerDelaySeconds, tasks, executorsLost, mllibSeconds, repeats);
        }
    }

    private final Path home;
    private final String workDir;
    private final int iterations;
    private final int repeats;
    private final PrintWriter out;
    private final Map<String, String> conf;

    /**
     * @param home       the project directory (its submit/ scripts and target/sparkprop.jar)
     * @param iterations iterations of each run
     * @param repeats    measured runs of each configuration
     * @param conf       Spark settings of the case's sessions (the cluster's master is added)
     */
    private ClusterScaling(Path home, String workDir, int iterations, int repeats, PrintWriter out,
            Map<String, String> conf) {
        this.home = home;
        this.workDir = workDir;
        this.iterations = iterations;
        this.repeats = repeats;
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
            int iterations, int repeats, boolean mllib, String executorMemory, PrintWriter out)
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
        ClusterScaling scaling = new ClusterScaling(home, workDir, iterations, repeats, out, conf);
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
                    runs.addAll(weakAndStrong(spark, benchmark, metrics, workers, size, weak, parts, most, mllib));
                }
            } finally {
                spark.stop();
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            stop(dir);
        }
        return runs;
    }

    /**
     * The weak- and the strong-scaling runs of a network on this cluster: each job runs once to warm up, then the
     * two are measured in turn, {@code repeats} times each (so that executors still warming up slow both alike);
     * MLlib's network on the weak-scaling files after them.
     */
    private List<Run> weakAndStrong(SparkSession spark, Benchmark benchmark, IterationMetrics metrics, int workers,
            Size size, List<String> weakFiles, List<String> strongFiles, int most, boolean mllib) {
        try (TrainingJob weak = TrainingJob.prepare(spark, benchmark.gradientDescent(weakFiles, size.hidden(),
                workers, Precision.FLOAT64, 0.1));
                TrainingJob strong = TrainingJob.prepare(spark, benchmark.gradientDescent(strongFiles, size.hidden(),
                        most, Precision.FLOAT64, 0.1))) {
            weak.run();
            strong.run();
            List<Run> weakRuns = new ArrayList<>();
            List<Run> strongRuns = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                weakRuns.add(measured(spark, weak, metrics, workers, size, "weak", workers));
                strongRuns.add(measured(spark, strong, metrics, workers, size, "strong", most));
            }
            double mllibSeconds = mllib ? mllibSecondsPerIteration(spark, weakFiles, size, workers) : Double.NaN;
            return List.of(median(weakRuns, mllibSeconds), median(strongRuns, Double.NaN));
        }
    }

    private static Run measured(SparkSession spark, TrainingJob job, IterationMetrics metrics, int workers, Size size,
            String scaling, int partitions) {
        waitForEvents(spark);
        metrics.clear();
        TrainingResult result = job.run();
        waitForEvents(spark);
        return figures(job, result, metrics, workers, size, scaling, partitions);
    }

    /** The median of a configuration's measured runs (by seconds an iteration), with their seconds; said. */
    private Run median(List<Run> measured, double mllibSeconds) {
        List<Run> sorted = new ArrayList<>(measured);
        sorted.sort(Comparator.comparingDouble(Run::secondsPerIteration));
        double[] seconds = sorted.stream().mapToDouble(Run::secondsPerIteration).toArray();
        Run run = sorted.get((sorted.size() - 1) / 2).withRepeats(mllibSeconds, seconds);
        out.printf("scaling %d workers, %s (%,d parameters), %s, %,d rows: %.3f s an iteration (runs %s), %.1f MB "
                + "broadcast, %.1f MB to the driver%s%s%n", run.workers(), run.network(), run.parameters(),
                run.scaling(), run.rows(), run.secondsPerIteration(), Arrays.stream(seconds)
                        .mapToObj(s -> String.format("%.3f", s)).collect(Collectors.joining(", ")),
                run.broadcastBytes() / 1e6, run.driverResultBytes() / 1e6,
                Double.isNaN(mllibSeconds) ? "" : String.format(", MLlib %.3f s", mllibSeconds),
                run.executorsLost() == 0 ? "" : ", " + run.executorsLost()
                        + " executors lost (the figures include the recovery)");
        out.flush();
        return run;
    }

    /** The figures of one measured run, its iterations after the first averaged. */
    private static Run figures(TrainingJob job, TrainingResult result, IterationMetrics metrics, int workers,
            Size size, String scaling, int partitions) {
        List<IterationMetrics.Iteration> measured = new ArrayList<>(metrics.iterations().values());
        List<IterationRecord> history = result.run().history();
        double seconds = history.subList(Math.min(1, history.size() - 1), history.size()).stream()
                .mapToDouble(IterationRecord::seconds).average().orElse(Double.NaN);
        List<IterationMetrics.Iteration> its = measured.subList(Math.min(1, measured.size() - 1), measured.size());
        return new Run(workers, size.name(), size.layers(), job.network().parameterCount(), scaling,
                job.trainingData().rows(), partitions, seconds, mean(its, it -> it.jobSeconds),
                mean(its, it -> it.broadcastBytes), mean(its, it -> it.broadcastFetchedBytes),
                mean(its, it -> it.resultBytes), mean(its, it -> it.driverResultBytes),
                mean(its, it -> it.shuffleBytes), mean(its, it -> it.runSeconds), mean(its, it -> it.cpuSeconds),
                mean(its, it -> it.gcSeconds), mean(its, it -> it.deserializeSeconds),
                mean(its, it -> it.schedulerDelaySeconds),
                mean(its, it -> it.tasks), metrics.executorsLost(), Double.NaN, new double[0]);
    }

    /**
     * MLlib's MultilayerPerceptronClassifier (gd, sigmoid) on the same files: fit time over iterations, the median
     * of the measured fits after one to warm up; NaN, said so, when it fails (its executors' memory is the case's,
     * sized for sparkprop).
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
            Timing timing = new Timing();
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                mllib.fit(frame);
                timing.add((System.nanoTime() - start) / 1e9 / iterations);
            }
            return timing.median();
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

    /** Stops the cluster in dir; when that fails, says so and how to stop it, and the runs measured are kept. */
    private void stop(Path dir) throws InterruptedException {
        try {
            script(dir, "submit/cluster-down.sh");
        } catch (IOException | IllegalStateException e) {
            out.printf("scaling: the cluster in %s may still run (%s); stop it with SPARKPROP_CLUSTER_DIR=%s "
                    + "submit/cluster-down.sh%n", dir, e.getMessage().strip(), dir);
            out.flush();
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
