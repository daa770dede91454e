package io.github.sparkprop.internal.bench;

import io.github.sparkprop.ml.SparkPropClassifier;
import io.github.sparkprop.ml.SparkPropCrossValidator;
import java.util.function.Supplier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Cross-validation from the Java ML API, as its users run it: the candidates of {@link TuneCase} (sigmoid, full-batch
 * gradient descent, unstandardised, as MLlib's network) over {@link #FOLDS} folds on a cached DataFrame, by
 * SparkPropCrossValidator (each fold's maps together), by Spark's CrossValidator over the same SparkPropClassifier
 * (map by map, as before), and by Spark's CrossValidator over MultilayerPerceptronClassifier; wall times, one run
 * each after a warm-up fit, and the average accuracies of the two sparkprop runs, which must agree.
 */
record CrossValidationCase(String name, int maps, int folds, double together, double oneByOne, double mllib,
        double largestMetricDifference, double bestAccuracy, double mllibBestAccuracy) {

    static final int FOLDS = 3;

    /** Today's (map by map) wall time over SparkPropCrossValidator's. */
    double speedUp() {
        return oneByOne / together;
    }

    static CrossValidationCase measure(SparkSession spark, String name, String parquet, int features, int classes,
            int iterations) {
        Dataset<Row> frame = spark.read().parquet(parquet).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            frame.count();
            SparkPropClassifier sparkprop = new SparkPropClassifier().setActivation("sigmoid").setOptimizer("gd")
                    .setMaxIter(iterations).setRegParam(0).setSeed(1).setParam("standardization", false);
            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setSolver("gd")
                    .setMaxIter(iterations).setTol(0).setBlockSize(128).setSeed(1L);
            int count = TuneCase.GRID.size();
            ParamMap[] ours = new ParamMap[count];
            ParamMap[] theirs = new ParamMap[count];
            for (int k = 0; k < count; k++) {
                TuneCase.Point point = TuneCase.GRID.get(k);
                ours[k] = new ParamMap().put(sparkprop.hiddenLayers().w(new int[] {point.hidden()}))
                        .put(sparkprop.stepSize().w(point.step()));
                theirs[k] = new ParamMap().put(mlp.layers().w(new int[] {features, point.hidden(), classes}))
                        .put(mlp.stepSize().w(point.step()));
            }
            sparkprop.fit(frame, ours[0]);
            mlp.fit(frame, theirs[0]);
            Timed together = timed(() -> validator(new SparkPropCrossValidator(), sparkprop, ours).fit(frame));
            Timed oneByOne = timed(() -> validator(new CrossValidator(), sparkprop, ours).fit(frame));
            Timed mllib = timed(() -> validator(new CrossValidator(), mlp, theirs).fit(frame));
            double difference = 0;
            for (int k = 0; k < count; k++) {
                difference = Math.max(difference, Math.abs(together.model().avgMetrics()[k]
                        - oneByOne.model().avgMetrics()[k]));
            }
            return new CrossValidationCase(name, count, FOLDS, together.seconds(), oneByOne.seconds(),
                    mllib.seconds(), difference, best(together.model()), best(mllib.model()));
        } finally {
            frame.unpersist();
        }
    }

    private record Timed(CrossValidatorModel model, double seconds) {
    }

    private static Timed timed(Supplier<CrossValidatorModel> fit) {
        long start = System.nanoTime();
        CrossValidatorModel model = fit.get();
        return new Timed(model, (System.nanoTime() - start) / 1e9);
    }

    private static CrossValidator validator(CrossValidator validator, org.apache.spark.ml.Estimator<?> estimator,
            ParamMap[] maps) {
        return validator.setEstimator(estimator).setEstimatorParamMaps(maps).setNumFolds(FOLDS).setSeed(7)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"));
    }

    private static double best(CrossValidatorModel model) {
        return java.util.Arrays.stream(model.avgMetrics()).max().orElseThrow();
    }
}
