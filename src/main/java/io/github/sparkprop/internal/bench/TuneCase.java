package io.github.sparkprop.internal.bench;

import io.github.sparkprop.internal.train.CandidatesJob;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingSpec;
import io.github.sparkprop.math.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The search case: the same candidates ({@link #GRID}: a sigmoid network of 32, 64, 128 or 256 hidden units at
 * learning rate 0.1 or 0.3, full-batch gradient descent) trained three ways on one Parquet file: together (sparkprop's
 * one-pass search: one read, one Spark job a round for all), one after another as separate sparkprop fits (each
 * reading its data), and one after another as MLlib's MultilayerPerceptronClassifier (what its CrossValidator and
 * TrainValidationSplit run per fold, on a cached DataFrame). Wall times from the first read to the last model,
 * after a warm-up of each side; and how far each model of the search is from its separate fit.
 */
record TuneCase(String name, Precision precision, int candidates, long rows, double together, double separate,
        double mllib, double largestDifference) {

    /** One candidate: its hidden layer's size and its learning rate (MLlib's step size). */
    record Point(int hidden, double step) {
    }

    /** The candidates, the sizes varying slowest. */
    static final List<Point> GRID = IntStream.of(32, 64, 128, 256).boxed()
            .flatMap(hidden -> DoubleStream.of(0.1, 0.3).mapToObj(step -> new Point(hidden, step))).toList();

    /** The separate fits' wall time over the search's. */
    double speedUp() {
        return separate / together;
    }

    /** MLlib's wall time over the search's. */
    double mllibRatio() {
        return mllib / together;
    }

    /**
     * @param iterations   each candidate's iterations
     * @param spec         the settings of a point of {@link #GRID}, in the case's precision and iterations
     * @param mllibSeconds MLlib's time, when a run of another precision measured it already (else NaN)
     */
    static TuneCase measure(SparkSession spark, String name, String parquet, Precision precision, int features,
            int classes, int iterations, Function<Point, TrainingSpec> spec, double mllibSeconds) {
        List<TrainingSpec> specs = GRID.stream().map(spec).toList();
        int count = specs.size();
        warmUp(spark, specs.subList(0, 2));
        List<double[]> together = new ArrayList<>();
        long start = System.nanoTime();
        try (CandidatesJob job = CandidatesJob.prepare(spark, specs)) {
            job.run().forEach(outcome -> together.add(outcome.result().model().weights()));
        }
        double togetherSeconds = seconds(start);
        double largest = 0;
        long rows = 0;
        start = System.nanoTime();
        for (int k = 0; k < count; k++) {
            try (TrainingJob job = TrainingJob.prepare(spark, specs.get(k))) {
                double[] alone = job.run().model().weights();
                largest = Math.max(largest, relativeDifference(alone, together.get(k)));
                rows = job.trainingData().rows();
            }
        }
        double separateSeconds = seconds(start);
        double mllib = Double.isNaN(mllibSeconds) ? mllib(spark, parquet, features, classes, iterations) : mllibSeconds;
        return new TuneCase(name, precision, count, rows, togetherSeconds, separateSeconds, mllib, largest);
    }

    /** A search of two candidates and a fit of one, so that neither timed side pays for the JIT. */
    private static void warmUp(SparkSession spark, List<TrainingSpec> specs) {
        try (CandidatesJob job = CandidatesJob.prepare(spark, specs)) {
            job.run();
        }
        try (TrainingJob job = TrainingJob.prepare(spark, specs.get(0))) {
            job.run();
        }
    }

    /**
     * MLlib's eight fits one by one ({@code fit(dataset, paramMaps)}, as its validators fit a fold's maps), after
     * a warm-up fit; the DataFrame read and cached before the clock starts.
     */
    private static double mllib(SparkSession spark, String parquet, int features, int classes, int iterations) {
        Dataset<Row> frame = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            frame.count();
            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setSolver("gd").setMaxIter(
                    iterations).setTol(0).setBlockSize(128).setSeed(1L);
            List<ParamMap> maps = new ArrayList<>();
            for (Point point : GRID) {
                maps.add(new ParamMap().put(mlp.layers().w(new int[] {features, point.hidden(), classes}))
                        .put(mlp.stepSize().w(point.step())));
            }
            mlp.copy(maps.get(0)).fit(frame);
            long start = System.nanoTime();
            mlp.fit(frame, CollectionConverters.asScala(maps).toList());
            return seconds(start);
        } finally {
            frame.unpersist();
        }
    }

    /** max |a_i - b_i| over max |a_i|. */
    private static double relativeDifference(double[] a, double[] b) {
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        return difference / scale;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
