package io.github.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.train.TrainingSettings;
import io.github.sparkprop.testing.Commands;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
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
 * save/load; SparkPropCrossValidator chooses a hidden size; the summary has one entry per iteration; models move
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
                .setStepSize(0.05).setMaxIter(150).setSeed(3).setPredictionCol("predicted");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("species").setOutputCol("label"),
            new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
            classifier});
        PipelineModel fitted = pipeline.fit(iris());
        Dataset<Row> predictions = fitted.transform(iris()).withColumnRenamed("predicted", "prediction").cache();
        assertTrue(accuracy(predictions) >= 0.95, "accuracy " + accuracy(predictions));
        List<Row> rows = predictions.select("probability", "rawPrediction", "prediction").collectAsList();
        for (Row row : rows) {
            double[] p = ((Vector) row.get(0)).toArray();
            assertEquals(3, p.length);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12, "probabilities sum to 1");
            assertEquals(((Vector) row.get(0)).argmax(), (int) row.getDouble(2), "prediction = argmax of p");
        }

        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        assertTrue(Files.exists(dir.resolve("pipeline/stages/3_" + classifier.uid() + "/model.json")),
                "the classifier stage is saved in sparkprop's model format");
        PipelineModel loaded = PipelineModel.load(path);
        SparkPropClassificationModel stage = (SparkPropClassificationModel) loaded.stages()[3];
        assertEquals(classifier.uid(), stage.uid());
        assertEquals("predicted", stage.getPredictionCol());
        assertArrayEquals(new int[] {8}, stage.getHiddenLayers());
        List<Row> reloaded = loaded.transform(iris()).select("probability", "rawPrediction", "predicted")
                .collectAsList();
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

    /** Counts the Spark jobs that start. */
    private static final class JobCount extends org.apache.spark.scheduler.SparkListener {
        private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
            started.incrementAndGet();
        }

        /** The jobs started so far, once the listener bus has delivered its events. */
        int settled() {
            try {
                SharedSpark.session().sparkContext().listenerBus().waitUntilEmpty(60_000);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the listener bus did not empty in a minute", e);
            }
            return started.get();
        }
    }

    /** The multi-map fit (what PySpark's CrossValidator calls) trains the maps together, each as fit alone. */
    @Test
    void aFitOfSeveralParamMapsEqualsTheirFitsOneByOne() {
        SparkPropClassifier classifier = new SparkPropClassifier().setMaxIter(10);
        List<ParamMap> maps = List.of(
                new ParamMap().put(classifier.hiddenLayers().w(new int[] {4})).put(classifier.optimizer().w("adam"))
                        .put(classifier.stepSize().w(0.05)),
                new ParamMap().put(classifier.hiddenLayers().w(new int[] {6})).put(classifier.optimizer().w("lbfgs")),
                new ParamMap().put(classifier.regParam().w(0.01)).put(classifier.seed().w(3L)));
        Dataset<Row> data = assembledIris().select("label", "features");
        JobCount jobs = new JobCount();
        SharedSpark.session().sparkContext().addSparkListener(jobs);
        List<SparkPropClassificationModel> together;
        List<SparkPropClassificationModel> apart = new java.util.ArrayList<>();
        int jobsTogether;
        try {
            together = scala.jdk.javaapi.CollectionConverters.asJava(
                    classifier.fit(data, scala.jdk.javaapi.CollectionConverters.asScala(maps).toList()));
            jobsTogether = jobs.settled();
            maps.forEach(map -> apart.add(classifier.fit(data, map)));
        } finally {
            SharedSpark.session().sparkContext().removeSparkListener(jobs);
        }
        int jobsApart = jobs.settled() - jobsTogether;
        // one read of the data, and one job a round for the three (L-BFGS's line search takes several rounds)
        assertTrue(jobsTogether < jobsApart - 15, jobsTogether + " jobs together, " + jobsApart + " apart");
        assertEquals(3, together.size());
        for (int k = 0; k < maps.size(); k++) {
            SparkPropClassificationModel alone = apart.get(k);
            SparkPropClassificationModel model = together.get(k);
            assertArrayEquals(alone.weights(), model.weights(), 1e-9, "map " + k);
            assertEquals(alone.summary().totalIterations(), model.summary().totalIterations());
            assertEquals(classifier.uid(), model.parent().uid(), "the model's parent is a copy of the estimator");
            assertEquals(alone.getOrDefault(alone.hiddenLayers()).length,
                    model.getOrDefault(model.hiddenLayers()).length, "the map's params are the model's");
        }
    }

    @Test
    void crossValidatorPicksTheBetterHiddenSize() {
        SparkPropClassifier classifier = new SparkPropClassifier().setOptimizer("lbfgs").setMaxIter(60).setSeed(5);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.hiddenLayers(), scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of(new int[] {1}, new int[] {16})))
                .build();
        CrossValidatorModel chosen = new SparkPropCrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
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
        // as MLlib's network: L-BFGS, no penalty, the inputs as they are
        double ours = accuracy(new SparkPropClassifier().setHiddenLayers(5).setActivation("sigmoid")
                .setOptimizer("lbfgs").setRegParam(0).setParam("standardization", false).setMaxIter(200).setSeed(1)
                .fit(train).transform(test));
        assertTrue(ours >= mllib, "sparkprop " + ours + " < MLlib " + mllib);
    }

    @Test
    void aCommandLineModelLoadsInTheApiAndAnApiModelInTheCommandLine(@TempDir Path dir) throws IOException {
        // command line -> API: the model names the iris columns and the species; the API reads an assembled vector
        Path cliModel = dir.resolve("cli-model");
        Commands.succeed("train", "--input", "data/iris.csv", "--label", "species", "--hidden", "6", "--optimizer",
                "lbfgs", "--iterations", "80", "--output", cliModel.toString());
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
        String json = Commands.succeed("evaluate", "--model", apiModel.toString(), "--input", data.toString(),
                "--label", "label", "--json");
        assertEquals(apiAccuracy, new ObjectMapper().readTree(json).get("accuracy").asDouble(), 1e-12);
        assertArrayEquals(fitted.weights(), SparkPropClassificationModel.load(apiModel.toString()).weights());

        // both export their graphs: the command line's reads the iris columns, the API's its vector column
        Path cliGraph = dir.resolve("cli.onnx");
        loaded.exportOnnx(cliGraph.toString());
        assertEquals(List.of(MEASUREMENTS), graphInputs(cliGraph).stream().map(OnnxMl.ValueInfoProto::getName)
                .toList());
        Path apiGraph = dir.resolve("api.onnx");
        fitted.exportOnnx(apiGraph.toString());
        OnnxMl.ValueInfoProto vector = graphInputs(apiGraph).get(0);
        assertEquals("features", vector.getName());
        assertEquals(4, vector.getType().getTensorType().getShape().getDim(1).getDimValue());
        InputException exists = assertThrows(InputException.class, () -> fitted.exportOnnx(apiGraph.toString()));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        fitted.exportOnnx(apiGraph.toString(), true);
    }

    private static List<OnnxMl.ValueInfoProto> graphInputs(Path graph) throws IOException {
        return OnnxMl.ModelProto.parseFrom(java.nio.file.Files.readAllBytes(graph)).getGraph().getInputList();
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
        // no penalty and the inputs as they are: the weights are the coefficients themselves
        SparkPropRegressionModel model = new SparkPropRegressor().setOptimizer("lbfgs").setRegParam(0)
                .setParam("standardization", false).setMaxIter(100).fit(data);
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
        assertEquals("auto", classifier.getOptimizer());
        assertEquals(0, classifier.getStepSize(), "the optimizer's own");
        assertEquals(-1, classifier.getRegParam(), "the default penalty");
        assertEquals(true, classifier.getOrDefault(classifier.getParam("standardization")));
        assertEquals(0, classifier.getHiddenLayers().length);
        assertThrows(IllegalArgumentException.class, () -> classifier.setStepSize(-0.1));
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

    /**
     * Two classes: one sigmoid unit z = w.x + b (no hidden layer), computed here from the weights: raw is
     * (-z, z), probability (sigmoid(-z), sigmoid(z)), and thresholds pick the class with the largest p / t, as
     * Spark's classifiers do; sparse vectors score as the dense ones.
     */
    @Test
    void twoClassesGiveMllibsRawProbabilityAndThresholdedPrediction() {
        Dataset<Row> data = assembledIris().filter("species != 'setosa'")
                .withColumn("label", functions.col("label").minus(1)).cache();
        SparkPropClassificationModel model = new SparkPropClassifier().setOptimizer("lbfgs").setMaxIter(50)
                .setParam("standardization", false).fit(data).setThresholds(new double[] {0.3, 0.7});
        assertEquals(2, model.numClasses());
        double[] w = model.weights();
        assertEquals(5, w.length);
        List<Row> rows = model.transform(data).select("features", "rawPrediction", "probability", "prediction")
                .collectAsList();
        for (Row row : rows) {
            double[] x = ((Vector) row.get(0)).toArray();
            double z = w[4];
            for (int i = 0; i < 4; i++) {
                z += w[i] * x[i];
            }
            assertArrayEquals(new double[] {-z, z}, ((Vector) row.get(1)).toArray(), 1e-12);
            double p1 = 1 / (1 + Math.exp(-z));
            assertArrayEquals(new double[] {1 - p1, p1}, ((Vector) row.get(2)).toArray(), 1e-12);
            assertEquals((1 - p1) / 0.3 > p1 / 0.7 ? 0.0 : 1.0, row.getDouble(3));
        }
        List<Row> sparse = new java.util.ArrayList<>();
        for (Row row : rows) {
            sparse.add(org.apache.spark.sql.RowFactory.create(((Vector) row.get(0)).toSparse()));
        }
        Dataset<Row> sparseData = SharedSpark.session().createDataFrame(sparse, new org.apache.spark.sql.types
                .StructType().add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        List<Row> sparseRows = model.transform(sparseData).select("rawPrediction").collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(((Vector) rows.get(i).get(1)).toArray(), ((Vector) sparseRows.get(i).get(0)).toArray(),
                    1e-12);
        }
    }

    /** copy keeps uid, parent and summary; a Java-serialized model transforms and saves the same. */
    @Test
    void aModelSurvivesCopyAndJavaSerialization(@TempDir Path dir) throws Exception {
        SparkPropClassifier classifier = new SparkPropClassifier().setHiddenLayers(4).setMaxIter(5);
        SparkPropClassificationModel model = classifier.fit(assembledIris());
        SparkPropClassificationModel copy = model.copy(ParamMap.empty());
        assertEquals(model.uid(), copy.uid());
        assertEquals(classifier, copy.parent());
        assertTrue(copy.hasSummary());
        for (org.apache.spark.ml.param.Param<?> param : model.params()) {
            assertEquals(model.uid(), param.parent(), param.name());
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        SparkPropClassificationModel revived;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            revived = (SparkPropClassificationModel) in.readObject();
        }
        assertEquals(model.transform(assembledIris()).select("probability").collectAsList(),
                revived.transform(assembledIris()).select("probability").collectAsList());
        revived.write().save(dir.resolve("revived").toString());
        assertArrayEquals(model.weights(), SparkPropClassificationModel.load(dir.resolve("revived").toString())
                .weights());
    }

    /**
     * With a checkpoint directory, a fit run again with more iterations (or another step size) resumes where
     * the last stopped, and ends where one long fit ends; a fit with other params keeps its checkpoints apart.
     */
    @Test
    void checkpointsResumeTheSameFitAndKeepOtherFitsApart(@TempDir Path dir) throws IOException {
        Dataset<Row> data = assembledIris().cache();
        String checkpoints = dir.resolve("checkpoints").toString();
        SparkPropClassifier classifier = new SparkPropClassifier().setHiddenLayers(4).setOptimizer("adam")
                .setStepSize(0.05).setCheckpointDir(checkpoints).setCheckpointInterval(5);
        classifier.setMaxIter(10).fit(data);
        double[] resumed = classifier.setMaxIter(20).fit(data).weights();
        double[] straight = new SparkPropClassifier().setHiddenLayers(4).setOptimizer("adam").setStepSize(0.05)
                .setMaxIter(20).fit(data).weights();
        assertArrayEquals(straight, resumed, 1e-12);
        // resumed at iteration 20 with a rate too small to move: the weights stay where 20 iterations left them
        // (a fit from the start would stay at the initial weights instead)
        double[] stayed = classifier.setMaxIter(30).setStepSize(1e-12).fit(data).weights();
        assertArrayEquals(resumed, stayed, 1e-9);
        classifier.setStepSize(0.05).setRegParam(0.05).fit(data);
        try (java.util.stream.Stream<Path> fits = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(2, fits.count(), "one directory per distinct fit");
        }
    }

    /**
     * Every core training setting is a param, under Spark's name where Spark has a convention, with the core's
     * default and its validator; setParam sets any of them by name.
     */
    @Test
    void everyTrainingSettingIsAParamWithTheCoresDefault() {
        SparkPropClassifier classifier = new SparkPropClassifier();
        for (Setting setting : TrainingSettings.all()) {
            org.apache.spark.ml.param.Param<?> param = classifier.getParam(SparkPropParamSet.name(setting.key()));
            Object byDefault = classifier.getDefault(param).get();
            if (byDefault instanceof int[] sizes) {
                assertArrayEquals((int[]) setting.defaultValue(), sizes, setting.key());
            } else {
                assertEquals(setting.defaultValue(), byDefault, setting.key());
            }
        }
        for (String name : List.of("stepSize", "maxIter", "regParam", "tol", "aggregationDepth", "standardization",
                "earlyStoppingPatience", "evalEvery", "schedule", "decayRate", "decayEvery", "warmup", "momentum",
                "nesterov", "beta1", "beta2", "epsilon", "lbfgsMemory", "checkpointInterval")) {
            assertTrue(classifier.hasParam(name), name);
        }
        assertEquals(0.5, classifier.setParam("momentum", 0.5).getParamValue("momentum"));
        assertEquals(7, classifier.setParam("aggregationDepth", 7L).getParamValue("aggregationDepth"));
        assertThrows(IllegalArgumentException.class, () -> classifier.setParam("momentum", 1.0));
        assertThrows(IllegalArgumentException.class, () -> classifier.setParam("schedule", "linear"));
        assertTrue(classifier.explainParams().contains("lbfgsMemory: number of curvature pairs L-BFGS keeps"));
    }

    /** Options beyond the step size reach the training run: a schedule, Nesterov momentum, early stopping. */
    @Test
    void scheduleMomentumAndEarlyStoppingReachTheRun(@TempDir Path dir) throws IOException {
        Dataset<Row> data = assembledIris().withColumn("validation", functions.col("sepal_width").gt(3.3));
        SparkPropClassificationModel model = new SparkPropClassifier().setHiddenLayers(6).setOptimizer("momentum")
                .setParam("nesterov", true).setParam("schedule", "cosine").setStepSize(0.2).setMaxIter(300)
                .setValidationIndicatorCol("validation").setParam("earlyStoppingPatience", 2)
                .setParam("evalEvery", 5).fit(data);
        assertTrue(model.summary().stopReason().startsWith("early stopping"), model.summary().stopReason());
        assertTrue(model.summary().totalIterations() < 300);
        model.write().save(dir.resolve("m").toString());
        JsonNode settings = new ObjectMapper().readTree(dir.resolve("m/model.json").toFile()).get("training")
                .get("settings");
        assertEquals("momentum", settings.get("optimizer").asText());
        assertTrue(settings.get("nesterov").asBoolean());
        assertEquals("cosine", settings.get("schedule").asText());
        assertEquals(2, settings.get("earlyStopping").asInt());
    }

    /** Core errors come back in the params' words: the setting to change is a param, never a flag. */
    @Test
    void errorsNameParamsNotFlags() {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(org.apache.spark.sql.RowFactory.create(3.0 * i, org.apache.spark.ml.linalg.Vectors.dense(i)));
        }
        Dataset<Row> line = SharedSpark.session().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("label", "double").add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        IllegalArgumentException diverged = assertThrows(IllegalArgumentException.class,
                () -> new SparkPropRegressor().setStepSize(1.0).setParam("standardization", false).setMaxIter(1000)
                        .fit(line));
        assertTrue(diverged.getMessage().contains("try a smaller stepSize (or standardization)"),
                diverged.getMessage());
        assertFalse(diverged.getMessage().contains("--"), diverged.getMessage());
        assertTrue(diverged.getCause() instanceof io.github.sparkprop.internal.train.DivergenceException);

        IllegalArgumentException lbfgs = assertThrows(IllegalArgumentException.class, () -> new SparkPropClassifier()
                .setOptimizer("lbfgs").setBatchFraction(0.5).setMaxIter(2).fit(assembledIris()));
        assertTrue(lbfgs.getMessage().contains("optimizer lbfgs needs full batches (batchFraction 1)"),
                lbfgs.getMessage());
    }

    @Test
    void nullValidationIndicatorsAreRefused() {
        Dataset<Row> data = assembledIris().withColumn("validation", functions.when(
                functions.col("sepal_length").gt(7), functions.lit(true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkPropClassifier()
                .setValidationIndicatorCol("validation").setMaxIter(2).fit(data));
        assertTrue(e.getMessage().contains("validationIndicatorCol validation is null in"), e.getMessage());
    }
}
