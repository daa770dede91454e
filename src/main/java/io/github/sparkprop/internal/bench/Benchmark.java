package io.github.sparkprop.internal.bench;

import io.github.sparkprop.internal.data.DataSettings;
import io.github.sparkprop.internal.optim.OptimizerKind;
import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.IterationRecord;
import io.github.sparkprop.internal.train.RunSettings;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.internal.train.TrainingSettings;
import io.github.sparkprop.internal.train.TrainingSpec;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
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
    record Result(String name, long rows, int[] layers, Precision precision, Timing sparkprop, Timing mllib,
            double flopsPerIteration, long cachedBytes, double sparkpropAccuracy, double mllibAccuracy) {
        double ratio() {
            return mllib == null ? Double.NaN : mllib.median() / sparkprop.median();
        }

        double gflops() {
            return flopsPerIteration / sparkprop.median() / 1e9;
        }
    }

    /**
     * A network with sigmoid hidden layers (MLlib's only kind), full-batch gradient descent on both sides:
     * MLlib's MultilayerPerceptronClassifier with solver gd and block size 128, sparkprop's training job.
     */
    Result network(String name, String parquet, int[] layers, Precision precision) {
        Dataset<Row> frame = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        long rows = frame.count();
        try (TrainingJob job = TrainingJob.prepare(spark, gradientDescent(List.of(parquet), hidden(layers), 0,
                precision))) {
            TrainingResult[] trained = new TrainingResult[1];
            DoubleSupplier ours = () -> secondsPerIteration(trained[0] = job.run());
            MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier().setLayers(layers)
                    .setSolver("gd").setStepSize(0.1).setMaxIter(iterations).setTol(0).setBlockSize(128).setSeed(1L);
            MultilayerPerceptronClassificationModel[] theirModel = new MultilayerPerceptronClassificationModel[1];
            Runnable theirs = () -> theirModel[0] = mllib.fit(frame);
            Timing[] timings = alternate(ours, theirs);
            // the training accuracy each side reached, measured after the timed runs
            double theirAccuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                    .evaluate(theirModel[0].transform(frame));
            return new Result(name, rows, job.network().layers(), precision, timings[0], timings[1],
                    gemmFlops(job.network()) * rows, job.trainingData().cachedBytes(),
                    trained[0].training().accuracy(), theirAccuracy);
        } finally {
            frame.unpersist();
        }
    }

    /**
     * sparkprop alone, the network of {@link #network} on the given files (for the series of row counts):
     * after a warm-up run, {@code repeats} timed runs.
     */
    Result sparkpropOnly(String name, List<String> parquet, int[] layers) {
        return sparkpropOnly(name, parquet, layers, 0);
    }

    /** As {@link #sparkpropOnly(String, List, int[])} on the given number of partitions (0: as read). */
    Result sparkpropOnly(String name, List<String> parquet, int[] layers, int partitions) {
        try (TrainingJob job = TrainingJob.prepare(spark, gradientDescent(parquet, hidden(layers), partitions,
                Precision.FLOAT64))) {
            job.run();
            Timing timing = new Timing();
            for (int r = 0; r < repeats; r++) {
                timing.add(secondsPerIteration(job.run()));
            }
            long rows = job.trainingData().rows();
            return new Result(name, rows, job.network().layers(), Precision.FLOAT64, timing, null,
                    gemmFlops(job.network()) * rows, job.trainingData().cachedBytes(), Double.NaN, Double.NaN);
        }
    }

    /** The hidden sizes of a layer list [n_0, hidden..., n_L]. */
    private static int[] hidden(int[] layers) {
        return Arrays.copyOfRange(layers, 1, layers.length - 1);
    }

    /**
     * Full-batch gradient descent (step 0.1) of a sigmoid network on Parquet files of a label and a vector
     * column (not standardised and without a penalty, as MLlib's network), {@code iterations} steps from the weights of seed 1, without validation or checkpoints, the data
     * in the given number of partitions (0: as read).
     */
    private TrainingSpec gradientDescent(List<String> parquet, int[] hidden, int partitions, Precision precision) {
        return gradientDescent(parquet, hidden, partitions, precision, 0.1);
    }

    /** As {@link #gradientDescent(List, int[], int, Precision)} at the given learning rate. */
    TrainingSpec gradientDescent(List<String> parquet, int[] hidden, int partitions, Precision precision,
            double learningRate) {
        SettingValues settings = SettingValues.of(Map.ofEntries(Map.entry(TrainingSettings.HIDDEN.key(), hidden),
                Map.entry(TrainingSettings.ACTIVATION.key(), "sigmoid"), Map.entry(OptimizerKind.OPTIMIZER.key(), "gd"),
                Map.entry(Schedule.LEARNING_RATE.key(), learningRate), Map.entry(TrainingSettings.ITERATIONS.key(), iterations),
                Map.entry(TrainingSettings.SEED.key(), 1L), Map.entry(TrainingSettings.PRECISION.key(), precision.id()),
                Map.entry(TrainingSettings.STANDARDIZE.key(), false), Map.entry(TrainingSettings.L2.key(), 0.0),
                Map.entry(DataSettings.INPUT.key(), parquet), Map.entry(DataSettings.FORMAT.key(), "parquet"),
                Map.entry(DataSettings.PARTITIONS.key(), partitions),
                Map.entry(RunSettings.TASK.key(), "classification")));
        return TrainingSpec.ofFiles(settings, TrainingSpec.Checkpoints.Mode.NEW);
    }

    /**
     * Logistic regression, the time of one pass over the data: sparkprop's gradient-descent iteration (one
     * distributed pass and a step), against MLlib's LogisticRegression (L-BFGS, no regularisation, no
     * standardisation) whose fit time is divided by its iterations (each at least one pass).
     */
    Result logistic(String name, String parquet, int features, Precision precision) {
        Dataset<Row> frame = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        long rows = frame.count();
        try (TrainingJob job = TrainingJob.prepare(spark, gradientDescent(List.of(parquet), new int[0], 0,
                precision))) {
            DoubleSupplier ours = () -> secondsPerIteration(job.run());
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
            return new Result(name, rows, new int[] {features, 1}, precision, timings[0], perPass,
                    4.0 * features * rows, job.trainingData().cachedBytes(), Double.NaN, Double.NaN);
        } finally {
            frame.unpersist();
        }
    }

    /**
     * One warm-up run of each, then {@code repeats} alternating timed runs; seconds per iteration (ours as its
     * history measured them, the training loop alone; theirs the fit's time over the iterations).
     */
    private Timing[] alternate(DoubleSupplier ours, Runnable theirs) {
        ours.getAsDouble();
        theirs.run();
        Timing[] timings = {new Timing(), new Timing()};
        for (int r = 0; r < repeats; r++) {
            timings[0].add(ours.getAsDouble());
            timings[1].add(time(theirs) / iterations);
        }
        return timings;
    }

    /** The seconds of a run's iterations (each one's step, passes and validation), over their number. */
    private static double secondsPerIteration(TrainingResult result) {
        return result.run().history().stream().mapToDouble(IterationRecord::seconds).sum() / result.run().iterations();
    }

    private static double time(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
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
     * linear function of them with k classes) as Parquet, unless a complete one is there already (Spark's
     * {@code _SUCCESS} marker in it: a write that was stopped half-way is written again).
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
        if (new java.io.File(path, "_SUCCESS").exists()) {
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
        spark.createDataFrame(data, schema).write().mode(SaveMode.Overwrite).parquet(path);
        return path;
    }
}
