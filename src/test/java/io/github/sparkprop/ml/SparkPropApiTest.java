package io.github.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.cli.Main;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML API on iris, with real Spark ML stages around it: a Pipeline fits, transforms and survives
 * save/load; CrossValidator chooses a hidden size; the summary has one entry per iteration; models move
 * between the API and the command line; and it reaches MultilayerPerceptronClassifier's accuracy with the
 * same layers. Runs MLlib, hence the MLlib Surefire execution.
 */
@Tag(SharedSpark.MLLIB)
class SparkPropApiTest {

    private static final String[] MEASUREMENTS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    private static Dataset<Row> iris() {
        return SharedSpark.session().read().option("header", true).option("inferSchema", true).csv("data/iris.csv");
    }

    /** iris with the species indexed (label) and the measurements assembled (features). */
    private static Dataset<Row> assembledIris() {
        Dataset<Row> indexed = new StringIndexer().setInputCol("species").setOutputCol("label").fit(iris())
                .transform(iris());
        return new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features").transform(indexed);
    }

    private static double accuracy(Dataset<Row> predictions) {
        return predictions.filter(functions.col("prediction").equalTo(functions.col("label"))).count()
                / (double) predictions.count();
    }

    @Test
    void aPipelineFitsTransformsAndRoundTripsThroughSaveAndLoad(@TempDir Path dir) throws IOException {
        SparkPropClassifier classifier = new SparkPropClassifier().setHiddenLayers(8).setOptimizer("adam")
                .setStepSize(0.05).setMaxIter(150).setSeed(3);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("species").setOutputCol("label"),
            new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
            classifier});
        PipelineModel fitted = pipeline.fit(iris());
        Dataset<Row> predictions = fitted.transform(iris()).cache();
        assertTrue(accuracy(predictions) >= 0.95, "accuracy " + accuracy(predictions));
        List<Row> rows = predictions.select("probability", "rawPrediction", "prediction").collectAsList();
        for (Row row : rows) {
            double[] p = ((Vector) row.get(0)).toArray();
            assertEquals(3, p.length);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12, "probabilities sum to 1");
            assertEquals(((Vector) row.get(1)).argmax(), (int) row.getDouble(2), "prediction = argmax of raw");
        }

        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        assertTrue(Files.exists(dir.resolve("pipeline/stages/3_" + classifier.uid() + "/model.json")),
                "the classifier stage is saved in sparkprop's model format");
        List<Row> reloaded = PipelineModel.load(path).transform(iris())
                .select("probability", "rawPrediction", "prediction").collectAsList();
        assertEquals(rows, reloaded);
    }

    @Test
    void theSummaryHasOneEntryPerIteration() {
        Dataset<Row> data = assembledIris().withColumn("validation",
                functions.pmod(functions.hash(functions.col("sepal_length"), functions.col("sepal_width"),
                        functions.col("petal_length"), functions.col("petal_width")), functions.lit(5)).equalTo(0));
        SparkPropClassificationModel model = new SparkPropClassifier().setHiddenLayers(6).setOptimizer("adam")
                .setStepSize(0.05).setMaxIter(25).setValidationIndicatorCol("validation").fit(data);
        TrainingSummary summary = model.summary();
        assertEquals(25, summary.totalIterations());
        assertEquals(25, summary.objectiveHistory().length);
        assertEquals(25, summary.validationHistory().length);
        assertTrue(summary.objectiveHistory()[24] < summary.objectiveHistory()[0]);
        long validationRows = data.filter("validation").count();
        assertTrue(validationRows > 0 && validationRows < 150, validationRows + " validation rows");
        assertEquals(validationRows, summary.validationMetrics().samples());
        assertEquals(150 - validationRows, summary.trainingMetrics().samples());
        assertTrue(model.hasSummary());
    }

    @Test
    void crossValidatorPicksTheBetterHiddenSize() {
        SparkPropClassifier classifier = new SparkPropClassifier().setOptimizer("lbfgs").setMaxIter(60).setSeed(5);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.hiddenLayers(), scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of(new int[] {1}, new int[] {16})))
                .build();
        CrossValidatorModel chosen = new CrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setNumFolds(3)
                .setSeed(7).fit(assembledIris());
        double[] accuracies = chosen.avgMetrics();
        assertEquals(2, accuracies.length);
        assertTrue(accuracies[1] > accuracies[0], "16 units " + accuracies[1] + " vs 1 unit " + accuracies[0]);
        SparkPropClassificationModel best = (SparkPropClassificationModel) chosen.bestModel();
        assertEquals(3, best.network().layers().length);
        assertEquals(16, best.network().size(1));
    }

    @Test
    void itReachesTheAccuracyOfMultilayerPerceptronClassifierWithTheSameLayers() {
        Dataset<Row>[] split = assembledIris().randomSplit(new double[] {0.7, 0.3}, 11);
        Dataset<Row> train = split[0].cache();
        Dataset<Row> test = split[1].cache();
        double mllib = accuracy(new MultilayerPerceptronClassifier().setLayers(new int[] {4, 5, 3}).setMaxIter(200)
                .setSeed(1L).fit(train).transform(test));
        double ours = accuracy(new SparkPropClassifier().setHiddenLayers(5).setActivation("sigmoid")
                .setOptimizer("lbfgs").setMaxIter(200).setSeed(1).fit(train).transform(test));
        assertTrue(ours >= mllib, "sparkprop " + ours + " < MLlib " + mllib);
    }

    @Test
    void aCommandLineModelLoadsInTheApiAndAnApiModelInTheCommandLine(@TempDir Path dir) throws IOException {
        // command line -> API: the model names the iris columns and the species; the API reads an assembled vector
        Path cliModel = dir.resolve("cli-model");
        run("train", "--input", "data/iris.csv", "--label", "species", "--hidden", "6", "--optimizer", "lbfgs",
                "--iterations", "80", "--output", cliModel.toString());
        SparkPropClassificationModel loaded = SparkPropClassificationModel.load(cliModel.toString());
        assertFalse(loaded.hasSummary());
        assertEquals(List.of("setosa", "versicolor", "virginica"), loaded.labels());
        Dataset<Row> features = new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features")
                .transform(iris());
        Dataset<Row> predicted = loaded.transform(features);
        long correct = predicted.collectAsList().stream()
                .filter(r -> loaded.labels().get((int) r.getDouble(r.fieldIndex("prediction")))
                        .equals(r.getString(r.fieldIndex("species"))))
                .count();
        JsonNode recorded = new ObjectMapper().readTree(cliModel.resolve("model.json").toFile());
        assertEquals(recorded.at("/training/trainMetrics/accuracy").asDouble(), correct / 150.0, 1e-12);

        // API -> command line: evaluate reads the saved model and the same rows as Parquet
        SparkPropClassificationModel fitted = new SparkPropClassifier().setHiddenLayers(6).setOptimizer("lbfgs")
                .setMaxIter(80).fit(assembledIris());
        Path apiModel = dir.resolve("api-model");
        fitted.write().save(apiModel.toString());
        Path data = dir.resolve("iris.parquet");
        assembledIris().select("label", "features").write().mode(SaveMode.ErrorIfExists).parquet(data.toString());
        double apiAccuracy = accuracy(fitted.transform(assembledIris()));
        String json = run("evaluate", "--model", apiModel.toString(), "--input", data.toString(), "--label", "label",
                "--json");
        assertEquals(apiAccuracy, new ObjectMapper().readTree(json).get("accuracy").asDouble(), 1e-12);
        assertArrayEquals(fitted.weights(), SparkPropClassificationModel.load(apiModel.toString()).weights());
    }

    @Test
    void withoutHiddenLayersTheRegressorIsLinearRegression(@TempDir Path dir) throws IOException {
        // y = 2 x0 - 3 x1 + 1 exactly: least squares must find these coefficients
        List<Row> rows = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < 200; i++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            rows.add(org.apache.spark.sql.RowFactory.create(2 * x0 - 3 * x1 + 1,
                    org.apache.spark.ml.linalg.Vectors.dense(x0, x1)));
        }
        Dataset<Row> data = SharedSpark.session().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("label", "double").add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        SparkPropRegressionModel model = new SparkPropRegressor().setOptimizer("lbfgs").setMaxIter(100).fit(data);
        assertArrayEquals(new double[] {2, -3, 1}, model.weights(), 1e-6);
        for (Row row : model.transform(data).select("label", "prediction").collectAsList()) {
            assertEquals(row.getDouble(0), row.getDouble(1), 1e-5);
        }
        String path = dir.resolve("regression").toString();
        model.write().save(path);
        assertArrayEquals(model.weights(), SparkPropRegressionModel.load(path).weights());
        assertThrows(IllegalArgumentException.class, () -> SparkPropClassificationModel.load(path));
    }

    @Test
    void paramsHaveValidatorsDefaultsAndPersist(@TempDir Path dir) throws IOException {
        SparkPropClassifier classifier = new SparkPropClassifier();
        assertEquals(100, classifier.getMaxIter());
        assertEquals("gd", classifier.getOptimizer());
        assertEquals(0, classifier.getHiddenLayers().length);
        assertThrows(IllegalArgumentException.class, () -> classifier.setStepSize(0));
        assertThrows(IllegalArgumentException.class, () -> classifier.setOptimizer("sgd"));
        assertThrows(IllegalArgumentException.class, () -> classifier.setHiddenLayers(8, 0));
        assertThrows(IllegalArgumentException.class, () -> classifier.setBatchFraction(0));
        assertTrue(classifier.explainParams().contains("hiddenLayers: sizes of the hidden layers"));
        classifier.setHiddenLayers(7, 3).setActivation("tanh").setRegParam(0.01);
        String path = dir.resolve("estimator").toString();
        classifier.write().save(path);
        SparkPropClassifier loaded = SparkPropClassifier.load(path);
        assertArrayEquals(new int[] {7, 3}, loaded.getHiddenLayers());
        assertEquals("tanh", loaded.getActivation());
        assertEquals(0.01, loaded.getRegParam());
        assertEquals(classifier.uid(), loaded.uid());
        assertThrows(IllegalArgumentException.class, () -> new SparkPropClassifier().setOptimizer("lbfgs")
                .setBatchFraction(0.5).fit(assembledIris()));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }
}
