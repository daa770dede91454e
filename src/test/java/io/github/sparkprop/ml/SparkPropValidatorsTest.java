package io.github.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.testing.SharedSpark;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * SparkPropCrossValidator and SparkPropTrainValidationSplit against Spark's CrossValidator and
 * TrainValidationSplit on the same estimator, maps, folds and seed: the same metrics, the same best model and
 * sub-models (1e-9), the user's estimator in the model, in fewer Spark jobs; and they save as Spark's validators.
 */
@Tag(SharedSpark.MLLIB)
class SparkPropValidatorsTest {

    private static final String[] MEASUREMENTS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    private static Dataset<Row> iris() {
        return SharedSpark.session().read().option("header", true).option("inferSchema", true).csv("data/iris.csv");
    }

    /** The Spark jobs a piece of work starts, counted by a listener. */
    private static <T> T counting(AtomicInteger jobs, Supplier<T> work) {
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        SharedSpark.session().sparkContext().addSparkListener(listener);
        try {
            T result = work.get();
            SharedSpark.session().sparkContext().listenerBus().waitUntilEmpty(60_000);
            return result;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the listener bus did not empty in a minute", e);
        } finally {
            SharedSpark.session().sparkContext().removeSparkListener(listener);
        }
    }

    private static double[] weights(Model<?> model) {
        Model<?> last = model instanceof PipelineModel pipeline ? (Model<?>) pipeline.stages()[pipeline.stages().length - 1]
                : model;
        return ((SparkPropClassificationModel) last).weights();
    }

    @Test
    void aCrossValidatorOfAPipelineEqualsSparksInFewerJobs() {
        SparkPropClassifier classifier = new SparkPropClassifier().setOptimizer("adam").setMaxIter(15).setSeed(5);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("species").setOutputCol("label"),
            new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("features"), classifier});
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.hiddenLayers(), CollectionConverters.asScala(
                        java.util.List.of(new int[] {2}, new int[] {8})))
                .addGrid(classifier.stepSize(), new double[] {0.01, 0.1}).build();
        CrossValidator spark = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setNumFolds(2)
                .setSeed(7).setCollectSubModels(true);
        SparkPropCrossValidator ours = (SparkPropCrossValidator) spark.copyValues(new SparkPropCrossValidator(),
                ParamMap.empty());
        AtomicInteger sparkJobs = new AtomicInteger();
        AtomicInteger ourJobs = new AtomicInteger();
        CrossValidatorModel expected = counting(sparkJobs, () -> spark.fit(iris()));
        CrossValidatorModel actual = counting(ourJobs, () -> ours.fit(iris()));

        assertArrayEquals(expected.avgMetrics(), actual.avgMetrics(), 1e-9);
        assertArrayEquals(weights(expected.bestModel()), weights(actual.bestModel()), 1e-9);
        for (int fold = 0; fold < 2; fold++) {
            for (int k = 0; k < grid.length; k++) {
                assertArrayEquals(weights(expected.subModels()[fold][k]), weights(actual.subModels()[fold][k]), 1e-9,
                        "fold " + fold + ", map " + k);
            }
        }
        assertSame(pipeline, actual.getEstimator(), "the model names the user's estimator");
        assertSame(ours, actual.parent());
        // Spark's: 2 folds x 4 maps x 15 iterations and their data; ours: 2 x 15, each round for the four maps
        assertTrue(ourJobs.get() < sparkJobs.get() / 2, ourJobs + " jobs against Spark's " + sparkJobs);
    }

    @Test
    void aTrainValidationSplitEqualsSparksAndSavesAsSparks(@TempDir Path dir) throws java.io.IOException {
        Dataset<Row> data = new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features").transform(
                new StringIndexer().setInputCol("species").setOutputCol("label").fit(iris()).transform(iris()));
        SparkPropClassifier classifier = new SparkPropClassifier().setMaxIter(15).setSeed(2);
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.optimizer(), CollectionConverters.asScala(
                java.util.List.of("lbfgs", "adam", "gd")).toList()).build();
        SparkPropTrainValidationSplit ours = new SparkPropTrainValidationSplit();
        ours.setEstimator(classifier).setEstimatorParamMaps(grid).setTrainRatio(0.7).setSeed(11)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("f1"));
        TrainValidationSplit spark = ours.copyValues(new TrainValidationSplit(), ParamMap.empty());
        TrainValidationSplitModel expected = spark.fit(data);
        TrainValidationSplitModel actual = ours.fit(data);
        assertArrayEquals(expected.validationMetrics(), actual.validationMetrics(), 1e-9);
        assertArrayEquals(weights(expected.bestModel()), weights(actual.bestModel()), 1e-9);

        ours.save(dir.resolve("validator").toString());
        TrainValidationSplit asSparks = TrainValidationSplit.load(dir.resolve("validator").toString());
        SparkPropTrainValidationSplit back = SparkPropTrainValidationSplit.load(dir.resolve("validator").toString());
        assertEquals(ours.uid(), back.uid());
        assertEquals(0.7, back.getTrainRatio());
        assertEquals(3, back.getEstimatorParamMaps().length);
        assertEquals(classifier.uid(), back.getEstimator().uid());
        assertEquals(ours.uid(), asSparks.uid());
        actual.save(dir.resolve("model").toString());
        assertArrayEquals(weights(actual.bestModel()), weights(
                TrainValidationSplitModel.load(dir.resolve("model").toString()).bestModel()), 0);
    }
}
