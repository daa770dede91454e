package io.github.sparkprop.bench;

import io.github.sparkprop.Task;
import io.github.sparkprop.data.CsvOptions;
import io.github.sparkprop.data.DataLoader;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.HoldOut;
import io.github.sparkprop.data.InputFormat;
import io.github.sparkprop.data.LoadedData;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.optim.GradientDescent;
import io.github.sparkprop.optim.Schedule;
import io.github.sparkprop.train.DistributedObjective;
import io.github.sparkprop.train.Trainer;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * sparkprop against MLlib in one JVM, on the same data (one Parquet file with a label and a vector column,
 * cached by each side its own way), the same master, layer sizes and iterations: after a warm-up run of
 * each, the two alternate (A B A B ...) and each measurement gives the seconds per iteration.
 */
final class Benchmark {

    private final SparkSession spark;
    private final int iterations;
    private final int repeats;

    Benchmark(SparkSession spark, int iterations, int repeats) {
        this.spark = spark;
        this.iterations = iterations;
        this.repeats = repeats;
    }

    /**
     * One comparison, or one sparkprop measurement (mllib null).
     *
     * @param flopsPerIteration the floating-point operations of one sparkprop iteration (for GFLOP/s)
     */
    record Result(String name, long rows, int[] layers, Timing sparkprop, Timing mllib, double flopsPerIteration,
            long cachedBytes) {
        double ratio() {
            return mllib == null ? Double.NaN : mllib.median() / sparkprop.median();
        }

        double gflops() {
            return flopsPerIteration / sparkprop.median() / 1e9;
        }
    }

    /**
     * A network with sigmoid hidden layers (MLlib's only kind), full-batch gradient descent on both sides:
     * MLlib's MultilayerPerceptronClassifier with solver gd and block size 128, sparkprop's trainer.
     */
    Result network(String name, String parquet, int[] layers) {
        Dataset<Row> frame = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        long rows = frame.count();
        LoadedData data = load(List.of(parquet));
        try {
            Network network = sigmoidNetwork(layers);
            Runnable ours = training(data, network);
            MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier().setLayers(layers)
                    .setSolver("gd").setStepSize(0.1).setMaxIter(iterations).setTol(0).setBlockSize(128).setSeed(1L);
            Runnable theirs = () -> mllib.fit(frame);
            Timing[] timings = alternate(ours, theirs);
            return new Result(name, rows, layers, timings[0], timings[1], gemmFlops(network) * rows,
                    data.cachedBytes());
        } finally {
            data.release();
            frame.unpersist();
        }
    }

    /**
     * sparkprop alone, the network of {@link #network} on the given files (for the series of row counts):
     * after a warm-up run, {@code repeats} timed runs.
     */
    Result sparkpropOnly(String name, List<String> parquet, int[] layers) {
        LoadedData data = load(parquet);
        try {
            Network network = sigmoidNetwork(layers);
            Runnable ours = training(data, network);
            ours.run();
            Timing timing = new Timing();
            for (int r = 0; r < repeats; r++) {
                timing.add(time(ours) / iterations);
            }
            return new Result(name, data.rows(), layers, timing, null, gemmFlops(network) * data.rows(),
                    data.cachedBytes());
        } finally {
            data.release();
        }
    }

    private static Network sigmoidNetwork(int[] layers) {
        return Network.of(layers[0], java.util.Arrays.copyOfRange(layers, 1, layers.length - 1), Activation.SIGMOID,
                layers[layers.length - 1], Activation.SOFTMAX, Loss.CROSS_ENTROPY);
    }

    /** Full-batch gradient descent from a seeded start, {@code iterations} steps. */
    private Runnable training(LoadedData data, Network network) {
        double[] initial = WeightInit.initialize(network, 1);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DistributedObjective objective = new DistributedObjective(context, data.blocks(), network, new L2Penalty(0),
                2);
        return () -> new Trainer(objective, new GradientDescent(Schedule.constant(0.1)),
                Trainer.Settings.iterations(iterations), null).run(initial);
    }

    /**
     * Logistic regression, the time of one pass over the data: sparkprop's distributed cost and gradient,
     * against MLlib's LogisticRegression (L-BFGS, no regularisation, no standardisation) whose fit time is
     * divided by its iterations (each at least one pass).
     */
    Result logistic(String name, String parquet, int features) {
        Dataset<Row> frame = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        long rows = frame.count();
        LoadedData data = load(List.of(parquet));
        try {
            Network network = Network.of(features, new int[0], Activation.RELU, 1, Activation.SIGMOID,
                    Loss.CROSS_ENTROPY);
            double[] w = new double[network.parameterCount()];
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            DistributedObjective objective = new DistributedObjective(context, data.blocks(), network,
                    new L2Penalty(0), 2);
            Runnable ours = () -> {
                for (int t = 1; t <= iterations; t++) {
                    objective.evaluate(w, t);
                }
            };
            LogisticRegression mllib = new LogisticRegression().setRegParam(0).setStandardization(false)
                    .setMaxIter(iterations).setTol(0);
            int[] passes = {iterations};
            Runnable theirs = () -> {
                LogisticRegressionModel model = mllib.fit(frame);
                passes[0] = Math.max(1, model.summary().totalIterations());
            };
            Timing[] timings = alternate(ours, theirs);
            Timing perPass = new Timing();
            for (double s : timings[1].all()) {
                perPass.add(s * iterations / passes[0]);
            }
            return new Result(name, rows, new int[] {features, 1}, timings[0], perPass, 4.0 * features * rows,
                    data.cachedBytes());
        } finally {
            data.release();
            frame.unpersist();
        }
    }

    /** GFLOP/s of dgemm for an m x k by k x n product, through the BLAS sparkprop uses, on one thread. */
    static double gemmRate(int m, int n, int k, int repeats) {
        Random random = new Random(1);
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        Blas.get().dgemm("T", "N", m, n, k, 1.0, a, 0, k, b, 0, k, 0.0, c, 0, m); // warm-up
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            Blas.get().dgemm("T", "N", m, n, k, 1.0, a, 0, k, b, 0, k, 0.0, c, 0, m);
        }
        return 2.0 * m * n * k * repeats / ((System.nanoTime() - start) / 1e9) / 1e9;
    }

    /** One warm-up run of each, then {@code repeats} alternating timed runs; seconds per iteration. */
    private Timing[] alternate(Runnable ours, Runnable theirs) {
        ours.run();
        theirs.run();
        Timing[] timings = {new Timing(), new Timing()};
        for (int r = 0; r < repeats; r++) {
            timings[0].add(time(ours) / iterations);
            timings[1].add(time(theirs) / iterations);
        }
        return timings;
    }

    private static double time(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private LoadedData load(List<String> parquet) {
        return DataLoader.load(spark, new DataSpec(parquet, InputFormat.PARQUET, CsvOptions.DEFAULT,
                "label", null, null, Task.CLASSIFICATION, null, null, false, false, 0, HoldOut.NONE, null, 0, false));
    }

    /**
     * The GEMM work of one sample's forward and backward pass: 2 n_l n_{l-1} each for Z^l, the weight
     * gradient and, except for the first layer, delta^{l-1}; so 6 x the weights, less 2 x those of layer 1.
     */
    static double gemmFlops(Network network) {
        double flops = 0;
        for (int l = 1; l <= network.depth(); l++) {
            flops += (l == 1 ? 4.0 : 6.0) * network.size(l) * network.size(l - 1);
        }
        return flops;
    }

    /**
     * Writes {@code rows} synthetic samples (label, vector of n standard normal features, the label a noisy
     * linear function of them with k classes) as Parquet, unless the file is there already.
     */
    static String synthetic(SparkSession spark, String path, long rows, int features, int classes, long seed) {
        return synthetic(spark, path, rows, features, classes, seed, spark.sparkContext().defaultParallelism());
    }

    /**
     * As {@link #synthetic(SparkSession, String, long, int, int, long)}, written as {@code partitions} part
     * files of (nearly) equal rows, so that the first k of them hold k / partitions of the rows.
     */
    static String synthetic(SparkSession spark, String path, long rows, int features, int classes, long seed,
            int partitions) {
        if (new java.io.File(path).exists()) {
            return path;
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType)
                .add("features", SQLDataTypes.VectorType());
        JavaRDD<Row> data = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions)
                .flatMap(part -> {
                    Random random = new Random(seed + part);
                    long count = rows / partitions + (part < rows % partitions ? 1 : 0);
                    return java.util.stream.LongStream.range(0, count).mapToObj(i -> {
                        double[] x = new double[features];
                        double score = 0;
                        for (int f = 0; f < features; f++) {
                            x[f] = random.nextGaussian();
                            score += (f % 7 - 3) * x[f];
                        }
                        double label = classes == 2 ? (score + random.nextGaussian() > 0 ? 1 : 0)
                                : Math.floorMod((long) Math.floor(score / 4 + random.nextGaussian()), classes);
                        return RowFactory.create(label, Vectors.dense(x));
                    }).iterator();
                });
        spark.createDataFrame(data, schema).write().mode(SaveMode.ErrorIfExists).parquet(path);
        return path;
    }
}
