package io.github.sparkprop.internal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.app.Main;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.Weights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the commands as a user does (in this JVM, on the suite's Spark session) and reads their output. */
class CliTest {

    private static final String IRIS = "data/iris.csv";

    @TempDir
    Path dir;

    /** What one command run printed and returned. */
    record Run(int code, String out, String err) {
    }

    /** Exit 2 and one line on standard error that says each of the fragments. */
    static void assertRefusedInOneLine(Run run, String... fragments) {
        assertEquals(2, run.code(), run.err());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), run.err());
        }
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    static Run sparkprop(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    @Test
    void trainThenEvaluateGivesTheAccuracyTheTrainingRunReported() throws IOException {
        String model = dir.resolve("iris").toString();
        Run train = sparkprop("train", "--input", IRIS, "--label", "species", "--standardize",
                "--learning-rate", "0.5", "--iterations", "150", "--test", IRIS, "--output", model);
        assertEquals(0, train.code(), train.err());
        Matcher reported = Pattern.compile("test accuracy: ([0-9.]+)").matcher(train.out());
        assertTrue(reported.find(), train.out());
        double accuracy = Double.parseDouble(reported.group(1));
        assertTrue(accuracy > 0.9, "softmax regression on iris: " + accuracy);
        assertTrue(train.out().contains("virginica"), "confusion matrix with the label names: " + train.out());

        JsonNode json = new ObjectMapper().readTree(Path.of(model, "model.json").toFile());
        assertEquals("[4,3]", json.get("layers").toString());
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", json.get("labels").toString());
        assertEquals(151, Files.readAllLines(Path.of(model, "history.csv")).size());

        Run evaluate = sparkprop("evaluate", "--model", model, "--input", IRIS, "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        JsonNode metrics = new ObjectMapper().readTree(evaluate.out());
        assertEquals(accuracy, metrics.get("accuracy").asDouble(), 5e-5);
        assertEquals(150, metrics.get("samples").asInt());
        assertEquals(1, evaluate.out().strip().lines().count(), "only the JSON object on standard output");
    }

    /**
     * train -> save -> inspect -> predict -> evaluate: the predictions written by predict, read back here,
     * have the accuracy the training run reported for the same data, and so does evaluate.
     */
    @Test
    void trainInspectPredictEvaluateAgree() throws IOException {
        String model = dir.resolve("round").toString();
        Run train = sparkprop("train", "--input", IRIS, "--label", "species", "--standardize", "--hidden", "6",
                "--optimizer", "lbfgs", "--iterations", "40", "--test", IRIS, "--output", model);
        assertEquals(0, train.code(), train.err());
        Matcher reported = Pattern.compile("test accuracy: ([0-9.]+)").matcher(train.out());
        assertTrue(reported.find(), train.out());
        double accuracy = Double.parseDouble(reported.group(1));
        assertTrue(Files.size(Path.of(model, "loss.png")) > 1000, "the loss curves are drawn");

        Run inspect = sparkprop("inspect", "--model", model);
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("4 -> 6 relu -> 3 softmax") && inspect.out().contains("parameters  51")
                && inspect.out().contains("setosa, versicolor, virginica") && inspect.out().contains("stopReason"),
                inspect.out());

        String predictions = dir.resolve("predictions").toString();
        Run predict = sparkprop("predict", "--model", model, "--input", IRIS, "--output", predictions);
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().startsWith("150 predictions written"), predict.out());
        List<String> rows = new java.util.ArrayList<>();
        try (var parts = Files.list(Path.of(predictions))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                List<String> lines = Files.readAllLines(part);
                assertEquals("species,prediction,probability_setosa,probability_versicolor,probability_virginica",
                        lines.get(0));
                rows.addAll(lines.subList(1, lines.size()));
            }
        }
        assertEquals(150, rows.size());
        long correct = 0;
        for (String row : rows) {
            String[] fields = row.split(",");
            correct += fields[0].equals(fields[1]) ? 1 : 0;
            double sum = Double.parseDouble(fields[2]) + Double.parseDouble(fields[3]) + Double.parseDouble(fields[4]);
            assertEquals(1.0, sum, 1e-9, "probabilities sum to 1: " + row);
        }
        assertEquals(accuracy, correct / 150.0, 5e-5);

        Run evaluate = sparkprop("evaluate", "--model", model, "--input", IRIS, "--json");
        assertEquals(accuracy, new ObjectMapper().readTree(evaluate.out()).get("accuracy").asDouble(), 5e-5);

        Run again = sparkprop("predict", "--model", model, "--input", IRIS, "--output", predictions);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists; use --overwrite"), again.err());
    }

    /**
     * Predict keeps the non-feature columns (the label among them), skips what validation refused when asked
     * to, writes Parquet, and leaves other data alone: --overwrite replaces only an earlier prediction output.
     */
    @Test
    void predictSkipsInvalidRowsWritesParquetAndProtectsOtherData() throws IOException {
        String model = dir.resolve("m").toString();
        assertEquals(0, sparkprop("train", "--input", IRIS, "--label", "species", "--standardize", "--iterations",
                "30", "--output", model).code());
        Path input = dir.resolve("mixed.csv");
        Files.write(input, List.of("id,sepal_length,sepal_width,petal_length,petal_width,species",
                "a,5.1,3.5,1.4,0.2,setosa", "b,oops,3.0,1.4,0.2,setosa", "c,6.3,3.3,6.0,2.5", "d,5.9,3.0,5.1,1.8,?"));
        String out = dir.resolve("out").toString();
        Run refused = sparkprop("predict", "--model", model, "--input", input.toString(), "--output", out);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("mixed.csv line 3: column 'sepal_length': value 'oops' is not a number"),
                refused.err());

        Run skipped = sparkprop("predict", "--model", model, "--input", input.toString(), "--output", out,
                "--handle-invalid", "skip", "--output-format", "parquet");
        assertEquals(0, skipped.code(), skipped.err());
        assertTrue(skipped.out().startsWith("2 predictions written") && skipped.out().contains("2 invalid rows skipped"),
                skipped.out());
        List<org.apache.spark.sql.Row> rows = SharedSpark.session().read().parquet(out).orderBy("id").collectAsList();
        assertEquals(2, rows.size());
        assertEquals("a", rows.get(0).getString(0));
        assertEquals("?", rows.get(1).getAs("species"), "a label the model does not know is kept as it is");
        assertEquals("setosa", rows.get(0).getAs("prediction"));

        Path precious = Files.createDirectory(dir.resolve("precious"));
        Files.writeString(precious.resolve("notes.txt"), "keep");
        Run overwrite = sparkprop("predict", "--model", model, "--input", IRIS, "--output", precious.toString(),
                "--overwrite");
        assertEquals(2, overwrite.code());
        assertTrue(overwrite.err().contains("not an earlier prediction output"), overwrite.err());
        assertEquals("keep", Files.readString(precious.resolve("notes.txt")));
        Run inside = sparkprop("predict", "--model", model, "--input", dir.toString(), "--output",
                dir.resolve("below").toString());
        assertEquals(2, inside.code());
        assertTrue(inside.err().contains("overlap"), inside.err());
    }

    /** A hand-written minimal model.json names no features: every column but the label is one. */
    @Test
    void aMinimalModelPredictsFromEveryColumnButTheLabel() throws IOException {
        Path model = Files.createDirectory(dir.resolve("minimal"));
        Files.writeString(model.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [2, 1], \"activations\": [\"identity\"], \"loss\": \"squared\"}");
        byte[] header = ("{\"layers.0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]},"
                + "\"layers.0.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 + header.length + 24)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(header.length).put(header).putDouble(2).putDouble(-1).putDouble(0.5);
        Files.write(model.resolve("weights.safetensors"), bytes.array());
        Path input = dir.resolve("xy.csv");
        Files.write(input, List.of("x,y,label", "1,3,0", "4,2,0"));
        String out = dir.resolve("p").toString();
        Run run = sparkprop("predict", "--model", model.toString(), "--input", input.toString(), "--output", out);
        assertEquals(0, run.code(), run.err());
        // prediction = 2 x - y + 0.5: 2 - 3 + 0.5 = -0.5 and 8 - 2 + 0.5 = 6.5
        List<org.apache.spark.sql.Row> rows = SharedSpark.session().read().option("header", true).csv(out)
                .orderBy("prediction").collectAsList();
        assertEquals("-0.5", rows.get(0).getAs("prediction"));
        assertEquals("6.5", rows.get(1).getAs("prediction"));
        assertEquals(List.of("label", "prediction"), List.of(rows.get(0).schema().fieldNames()));
    }

    @Test
    void aRegressionModelReportsRmse() {
        String model = dir.resolve("petal").toString();
        Run train = sparkprop("train", "--input", IRIS, "--label", "petal_width", "--features",
                "sepal_length,sepal_width,petal_length", "--task", "regression", "--standardize",
                "--learning-rate", "0.3", "--iterations", "100", "--output", model);
        assertEquals(0, train.code(), train.err());
        Run evaluate = sparkprop("evaluate", "--model", model, "--input", IRIS);
        assertEquals(0, evaluate.code(), evaluate.err());
        Matcher rmse = Pattern.compile("RMSE ([0-9.e-]+)").matcher(evaluate.out());
        assertTrue(rmse.find(), evaluate.out());
        assertTrue(Double.parseDouble(rmse.group(1)) < 0.25, evaluate.out());
    }

    @Test
    void aJobFileGivesDefaultsAndTheCommandLineWins() throws IOException {
        Path config = dir.resolve("job.properties");
        Files.writeString(config, "input=" + IRIS + "\nlabel=species\niterations=3\noutput=" + dir.resolve("a") + "\n");
        Run run = sparkprop("train", "--config", config.toString(), "--iterations", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("trained 2 iterations"), run.out());

        // a flag set both in the file and on the command line stays set (it does not toggle)
        Files.writeString(config, Files.readString(config) + "overwrite=true\nstandardize=true\n");
        Run again = sparkprop("train", "--config", config.toString(), "--overwrite", "--standardize");
        assertEquals(0, again.code(), again.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("a").resolve("model.json").toFile());
        assertTrue(json.has("scaler"), "standardized");
        Run off = sparkprop("train", "--config", config.toString(), "--standardize=false");
        assertEquals(0, off.code(), off.err());
        json = new ObjectMapper().readTree(dir.resolve("a").resolve("model.json").toFile());
        assertTrue(!json.has("scaler"), "--standardize=false wins over the file");
    }

    @Test
    void theShippedIrisJobFilesRun() {
        Run softmax = sparkprop("train", "--config", "conf/iris-softmax.properties", "--output",
                dir.resolve("softmax").toString());
        assertEquals(0, softmax.code(), softmax.err());
        assertTrue(softmax.out().contains("test accuracy: 0.9"), softmax.out());
        Run regression = sparkprop("train", "--config", "conf/iris-regression.properties", "--output",
                dir.resolve("regression").toString());
        assertEquals(0, regression.code(), regression.err());
        assertTrue(regression.out().contains("RMSE 0.1"), regression.out());
    }

    @Test
    void adamOnMiniBatchesWithValidationAndEarlyStopping() throws IOException {
        String model = dir.resolve("adam").toString();
        Run run = sparkprop("train", "--input", IRIS, "--label", "species", "--standardize", "--hidden", "8",
                "--optimizer", "adam", "--learning-rate", "0.05", "--batch-fraction", "0.5",
                "--validation-fraction", "0.3", "--eval-every", "2", "--early-stopping", "4", "--iterations", "400",
                "--output", model);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("validation data: samples"), run.out());
        JsonNode training = new ObjectMapper().readTree(Path.of(model, "model.json").toFile()).get("training");
        assertEquals("adam", training.get("settings").get("optimizer").asText());
        assertTrue(training.get("validationMetrics").get("accuracy").asDouble() > 0.8, training.toString());
        List<String> history = Files.readAllLines(Path.of(model, "history.csv"));
        assertTrue(history.get(0).endsWith("validation_loss,validation_accuracy,validation_rmse"), history.get(0));
        assertTrue(history.get(2).matches("2,[^,]+,[^,]+,[^,]+,\\d+,[^,]+,[0-9.]+,[0-9.]+,"), history.get(2));
        assertTrue(history.get(1).matches("1,[^,]+,[^,]+,[^,]+,\\d+,[^,]+,,,"), history.get(1));
    }

    @Test
    void aSeededTestFractionIsScoredOnceAtTheEnd() throws IOException {
        String model = dir.resolve("tf").toString();
        Run run = sparkprop("train", "--input", IRIS, "--label", "species", "--standardize", "--learning-rate", "0.5",
                "--iterations", "100", "--test-fraction", "0.2", "--output", model);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("test data (0.2 of the input):") && run.out().contains("test accuracy: "),
                run.out());
        JsonNode training = new ObjectMapper().readTree(Path.of(model, "model.json").toFile()).get("training");
        long tested = training.get("testMetrics").get("samples").asLong();
        assertEquals(150, training.get("rows").asLong() + tested);
        assertTrue(tested > 15 && tested < 45, "about 20 % of 150: " + tested);
    }

    @Test
    void badInputWritesNoModel() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of("x,label", "1,0", "2,oops,1"));
        String model = dir.resolve("never").toString();
        Run run = sparkprop("train", "--input", bad.toString(), "--output", model);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("bad.csv line 3: row does not have the 2 fields of the header"), run.err());
        assertTrue(!Files.exists(Path.of(model)), "no model directory");
    }

    @Test
    void lbfgsFromTheCommandLine() {
        Run run = sparkprop("train", "--input", IRIS, "--label", "species", "--standardize", "--optimizer", "lbfgs",
                "--iterations", "60", "--l2", "0.001", "--test", IRIS, "--output", dir.resolve("lbfgs").toString());
        assertEquals(0, run.code(), run.err());
        Matcher accuracy = Pattern.compile("test accuracy: ([0-9.]+)").matcher(run.out());
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) >= 0.95, run.out());

        Run mixed = sparkprop("train", "--input", IRIS, "--label", "species", "--optimizer", "lbfgs",
                "--batch-fraction", "0.5", "--output", dir.resolve("x").toString());
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("--optimizer lbfgs needs full batches"), mixed.err());
    }

    @Test
    void checkpointsAreResumedOnlyOnRequest() {
        String checkpoints = dir.resolve("checkpoints").toString();
        String model = dir.resolve("m").toString();
        String[] args = {"train", "--input", IRIS, "--label", "species", "--standardize", "--iterations", "12",
            "--checkpoint-dir", checkpoints, "--checkpoint-every", "5", "--output", model};
        Run first = sparkprop(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isDirectory(Path.of(checkpoints, "checkpoint-00000012")));
        assertEquals(List.of("checkpoint-00000010", "checkpoint-00000012"),
                Arrays.stream(Objects.requireNonNull(Path.of(checkpoints).toFile().list())).sorted().toList(),
                "the two newest are kept");
        double[] weights = ModelStore.load(model, new Configuration()).weights();

        String[] otherOutput = args.clone();
        otherOutput[otherOutput.length - 1] = dir.resolve("other").toString();
        Run again = sparkprop(otherOutput);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("holds checkpoints of an earlier run; add --resume"), again.err());

        Run resumed = sparkprop(concat(args, "--resume", "--overwrite"));
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(weights, ModelStore.load(model, new Configuration()).weights(), 0.0);

        Run changed = sparkprop(concat(args, "--resume", "--overwrite", "--l2", "0.5"));
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("was made with other settings (l2: checkpoint " + 1.0 / 150 + ", now 0.5)"),
                "the default L2 of a linear model is 1/m: " + changed.err());

        Run float32 = sparkprop(concat(args, "--resume", "--overwrite", "--precision", "float32"));
        assertEquals(2, float32.code());
        assertTrue(float32.err().contains("was made with other settings (precision: checkpoint \"float64\", now "
                + "\"float32\")"), "the precision, not the data hash its blocks give: " + float32.err());
    }

    /** model.json records every setting of the run, those of speed and the log too (precision among them). */
    @Test
    void theModelRecordsEverySetting() throws IOException {
        String model = dir.resolve("float32").toString();
        Run run = sparkprop("train", "--input", IRIS, "--label", "species", "--iterations", "3", "--precision",
                "float32", "--tree-depth", "2", "--output", model);
        assertEquals(0, run.code(), run.err());
        JsonNode settings = new ObjectMapper().readTree(Path.of(model, "model.json").toFile())
                .get("training").get("settings");
        assertEquals("float32", settings.get("precision").asText());
        assertEquals(2, settings.get("treeDepth").asInt());
        for (String key : List.of("iterations", "l2", "seed", "optimizer", "lbfgsMemory", "logEvery", "blockSize",
                "checkpointEvery", "standardize", "hidden", "loss")) {
            assertTrue(settings.has(key), key + " in " + settings);
        }
        for (String key : List.of("beta1", "learningRate", "momentum", "activation")) {
            assertFalse(settings.has(key), "lbfgs without hidden layers has no " + key + ": " + settings);
        }
    }

    /** A run of 7 iterations resumed to 12 (--iterations may grow on resume) equals a run of 12. */
    @Test
    void aResumedRunContinuesFromItsCheckpoint() {
        String[] common = {"train", "--input", IRIS, "--label", "species", "--standardize", "--optimizer", "momentum",
            "--nesterov", "--checkpoint-every", "3", "--overwrite"};
        String straight = dir.resolve("straight").toString();
        assertEquals(0, sparkprop(concat(common, "--iterations", "12", "--output", straight)).code());

        String checkpoints = dir.resolve("cp").toString();
        String resumed = dir.resolve("resumed").toString();
        Run first = sparkprop(concat(common, "--iterations", "7", "--checkpoint-dir", checkpoints, "--output", resumed));
        assertEquals(0, first.code(), first.err());
        Run second = sparkprop(concat(common, "--iterations", "12", "--checkpoint-dir", checkpoints, "--resume",
                "--output", resumed));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("trained 12 iterations"), second.out());

        double[] expected = ModelStore.load(straight, new Configuration()).weights();
        double[] actual = ModelStore.load(resumed, new Configuration()).weights();
        double difference = Weights.relativeDifference(actual, expected);
        assertTrue(difference < 1e-9, "relative difference " + difference);
    }

    @Test
    void initModelStartsFromASavedModel() {
        String base = dir.resolve("base").toString();
        assertEquals(0, sparkprop("train", "--input", IRIS, "--label", "species", "--standardize", "--hidden", "4",
                "--iterations", "30", "--output", base).code());
        String tuned = dir.resolve("tuned").toString();
        Run run = sparkprop("train", "--input", IRIS, "--label", "species", "--init-model", base,
                "--learning-rate", "1e-9", "--iterations", "1", "--output", tuned);
        assertEquals(0, run.code(), run.err());
        Model before = ModelStore.load(base, new Configuration());
        Model after = ModelStore.load(tuned, new Configuration());
        assertEquals(before.network(), after.network());
        assertArrayEquals(before.scaler().mean(), after.scaler().mean(), 0.0);
        assertArrayEquals(before.weights(), after.weights(), 1e-6);

        Run conflict = sparkprop("train", "--input", IRIS, "--label", "species", "--init-model", base,
                "--hidden", "8", "--output", dir.resolve("c").toString());
        assertEquals(2, conflict.code());
        assertTrue(conflict.err().contains("--hidden 8 conflicts with the model to start from (--init-model "
                + base + "): its hidden layers are 4"), conflict.err());

        // options that agree with the model are accepted: its own hidden sizes, task, activation and scaling
        Run agreeing = sparkprop("train", "--input", IRIS, "--label", "species", "--init-model", base,
                "--hidden", "4", "--task", "classification", "--activation", "relu", "--standardize",
                "--learning-rate", "1e-9", "--iterations", "1", "--output", dir.resolve("agree").toString());
        assertEquals(0, agreeing.code(), agreeing.err());
        Run unscaled = sparkprop("train", "--input", IRIS, "--label", "species", "--init-model", base,
                "--standardize", "false", "--output", dir.resolve("u").toString());
        assertEquals(2, unscaled.code());
        assertTrue(unscaled.err().contains("--standardize false conflicts with the model to start from")
                && unscaled.err().contains("it standardises its inputs"), unscaled.err());
    }

    /** A regression model fine-tuned with --task regression is accepted; --task classification is refused. */
    @Test
    void initModelAcceptsItsOwnTaskAndRefusesAnother() {
        String[] petal = {"train", "--input", IRIS, "--label", "petal_width", "--features",
            "sepal_length,sepal_width,petal_length", "--task", "regression", "--standardize"};
        String base = dir.resolve("petal").toString();
        Run first = sparkprop(concat(petal, "--iterations", "20", "--output", base));
        assertEquals(0, first.code(), first.err());
        Run same = sparkprop(concat(petal, "--init-model", base, "--iterations", "5", "--output",
                dir.resolve("tuned").toString()));
        assertEquals(0, same.code(), same.err());
        Run other = sparkprop("train", "--input", IRIS, "--label", "petal_width", "--init-model", base, "--task",
                "classification", "--output", dir.resolve("other").toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("--task classification conflicts with the model to start from (--init-model "
                + base + "), a regression model"), other.err());
    }

    /**
     * A checkpoint belongs to its data: the same options on a file whose rows changed (same path, same row
     * count, one value different) are refused on --resume.
     */
    @Test
    void resumingOnOtherDataIsRefused() throws IOException {
        Path data = dir.resolve("iris.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of(IRIS)));
        Files.write(data, lines);
        String checkpoints = dir.resolve("checkpoints").toString();
        String[] options = {"train", "--input", data.toString(), "--label", "species", "--checkpoint-dir", checkpoints,
            "--checkpoint-every", "5"};
        Run first = sparkprop(concat(options, "--iterations", "10", "--output", dir.resolve("a").toString()));
        assertEquals(0, first.code(), first.err());
        Run resumed = sparkprop(concat(options, "--resume", "--iterations", "12", "--output",
                dir.resolve("b").toString()));
        assertEquals(0, resumed.code(), resumed.err());

        lines.set(1, lines.get(1).replaceFirst("^5\\.1,", "5.2,"));
        Files.write(data, lines);
        Run changed = sparkprop(concat(options, "--resume", "--iterations", "14", "--output",
                dir.resolve("c").toString()));
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("was made from other data (the rows read now differ: dataHash checkpoint "),
                changed.err());
    }

    /**
     * Integer labels that one double cannot tell apart (2^53 and 2^53 + 1) stay two classes, in model.json and
     * in the predictions.
     */
    @Test
    void labelsThatOneDoubleCannotTellApartStayDistinct() throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("x,label"));
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? -1 - 0.01 * i : 1 + 0.01 * i) + "," + (i % 2 == 0 ? "9007199254740992"
                    : "9007199254740993"));
        }
        Path data = dir.resolve("big-labels.csv");
        Files.write(data, lines);
        String model = dir.resolve("big").toString();
        Run train = sparkprop("train", "--input", data.toString(), "--learning-rate", "1", "--iterations", "50",
                "--output", model);
        assertEquals(0, train.code(), train.err());
        JsonNode labels = new ObjectMapper().readTree(Path.of(model, "model.json").toFile()).get("labels");
        assertEquals("[9007199254740992,9007199254740993]", labels.toString());
        String predictions = dir.resolve("big-predictions").toString();
        Run predict = sparkprop("predict", "--model", model, "--input", data.toString(), "--output", predictions);
        assertEquals(0, predict.code(), predict.err());
        List<String> rows = new java.util.ArrayList<>();
        try (var parts = Files.list(Path.of(predictions))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                List<String> content = Files.readAllLines(part);
                rows.addAll(content.subList(1, content.size()));
            }
        }
        assertEquals(40, rows.size());
        for (String row : rows) {
            String[] fields = row.split(",");
            assertEquals(fields[0], fields[1], "label and prediction: " + row);
        }
    }

    /** Weights that leave no row any weight are refused before a model is written. */
    @Test
    void weightsThatLeaveNoMassAreRefused() throws IOException {
        String model = dir.resolve("weightless").toString();
        Run zeros = sparkprop("train", "--input", IRIS, "--label", "species", "--class-weights", "0,0,0", "--output",
                model);
        assertEquals(2, zeros.code());
        assertTrue(zeros.err().contains("--class-weights must give some class a weight above 0"), zeros.err());
        assertEquals(1, zeros.err().strip().lines().count(), zeros.err());

        Path data = dir.resolve("zero-weights.csv");
        Files.write(data, List.of("x,label,w", "1,0,0", "2,1,0", "3,0,0", "4,1,0"));
        Run weightless = sparkprop("train", "--input", data.toString(), "--weight", "w", "--output", model);
        assertEquals(2, weightless.code());
        assertTrue(weightless.err().contains("the training rows weigh 0 in total (their --weight and "
                + "--class-weights)"), weightless.err());
        assertTrue(Files.notExists(Path.of(model)), "no model is written");
    }

    /**
     * Sizes and values that cannot work are refused with one line and exit 2 before anything is allocated: a
     * network whose weights do not fit the driver, a master that is no Spark master URL.
     */
    @Test
    void impossibleSizesAndMastersAreRefusedWithOneLine() {
        Run huge = sparkprop("train", "--input", IRIS, "--label", "species", "--hidden", "100000000", "--output",
                dir.resolve("huge").toString());
        assertRefusedInOneLine(huge, "--hidden gives a network of 800,000,003 parameters",
                "sparkprop saves models of up to 268,434,942 parameters");

        Run large = sparkprop("train", "--input", IRIS, "--label", "species", "--hidden", "20000000", "--output",
                dir.resolve("large").toString());
        assertRefusedInOneLine(large, "--hidden gives a network of 160,000,003 parameters", "MB on the driver");

        // 5.4 million parameters fit (with Adam's two state vectors: L-BFGS's twenty may not, by the heap's state
        // at the time), but a block of 4,096 rows of a 600,000-unit layer is no Java array
        Run wide = sparkprop("train", "--input", IRIS, "--label", "species", "--hidden", "600000", "--optimizer",
                "adam", "--output", dir.resolve("wide").toString());
        assertRefusedInOneLine(wide, "--hidden gives a layer of 600000 units, whose activations for a block of "
                + "4096 rows", "--block-size <= 3579");

        for (String[] option : new String[][] {{"--block-size", "2000000", "--block-size must be an integer in [0, 1048576]"},
            {"--lbfgs-memory", "5000", "--lbfgs-memory must be an integer in [1, 1000]"},
            {"--partitions", "2000000", "--partitions must be an integer in [0, 1000000]"}}) {
            Run bad = sparkprop("train", "--input", IRIS, "--label", "species", "--optimizer", "lbfgs", option[0],
                    option[1], "--output", dir.resolve("bad").toString());
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().contains(option[2]), bad.err());
        }
        assertFalse(Files.exists(dir.resolve("bad")));

        Run master = sparkprop("train", "--input", IRIS, "--label", "species", "--master", "garbage", "--output",
                dir.resolve("m").toString());
        assertEquals(2, master.code());
        assertTrue(master.err().contains("--master must be a Spark master URL"), master.err());
        assertEquals(1, master.err().strip().lines().count(), master.err());
    }

    /**
     * Inputs that are legitimate train (a column named _metadata, a file whose name reads as a glob); inputs
     * that are not get one line that says what is wrong (a header naming a column twice, an empty directory).
     */
    @Test
    void awkwardNamesTrainAndBadHeadersOrEmptyDirectoriesSayWhy() throws IOException {
        Path metadata = dir.resolve("meta.csv");
        Files.write(metadata, List.of("_metadata,x,label", "1,2,0", "3,4,1", "5,6,0", "7,8,1"));
        Run meta = sparkprop("train", "--input", metadata.toString(), "--iterations", "2", "--output",
                dir.resolve("m1").toString());
        assertEquals(0, meta.code(), meta.err());

        Path globby = dir.resolve("data[1].csv");
        Files.copy(Path.of(IRIS), globby);
        Run glob = sparkprop("train", "--input", globby.toString(), "--label", "species", "--iterations", "2",
                "--output", dir.resolve("m2").toString());
        assertEquals(0, glob.code(), glob.err());

        Path duplicate = dir.resolve("dup.csv");
        Files.write(duplicate, List.of("x,X,label", "1,2,0", "3,4,1"));
        Run dup = sparkprop("train", "--input", duplicate.toString(), "--output", dir.resolve("m3").toString());
        assertEquals(2, dup.code());
        assertTrue(dup.err().contains("the header names column 'X' more than once"), dup.err());

        Path empty = Files.createDirectories(dir.resolve("empty-parquet"));
        Run none = sparkprop("train", "--input", empty.toString(), "--output", dir.resolve("m4").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("holds no data files (an empty directory)"), none.err());
    }

    /** Divergence advice fits the run: standardising is suggested only where the inputs are not standardised. */
    @Test
    void divergenceAdviceFitsTheRun() {
        String[] regression = {"train", "--input", IRIS, "--label", "petal_width", "--features",
            "sepal_length,sepal_width,petal_length", "--task", "regression", "--learning-rate", "5", "--iterations",
            "500"};
        Run scaled = sparkprop(concat(regression, "--standardize", "--output", dir.resolve("d1").toString()));
        assertEquals(2, scaled.code());
        assertTrue(scaled.err().contains("training diverged at iteration") && scaled.err().contains(
                "try a smaller --learning-rate") && !scaled.err().contains("--standardize"), scaled.err());
        Run raw = sparkprop(concat(regression, "--no-standardize", "--output", dir.resolve("d2").toString()));
        assertEquals(2, raw.code());
        assertTrue(raw.err().contains("try a smaller --learning-rate (or --standardize)"), raw.err());
    }

    /**
     * A reader's failure names what the user can act on: the LibSVM file, line and item Spark's reader refused;
     * the cause of a corrupt Parquet file; a quoted CSV field that runs past the end of its line.
     */
    @Test
    void readerFailuresNameTheFileTheLineAndTheCause() throws IOException {
        Path libsvm = dir.resolve("bad.libsvm");
        Files.write(libsvm, List.of("1 1:0.5 2:1", "0 1:abc 3:1", "1 2:1"));
        Run badLibsvm = sparkprop("train", "--input", libsvm.toString(), "--output", dir.resolve("l").toString());
        assertEquals(2, badLibsvm.code());
        assertTrue(badLibsvm.err().contains("bad.libsvm line 2: value 'abc' in '1:abc' is not a number"),
                badLibsvm.err());

        Path parquet = dir.resolve("corrupt.parquet");
        Files.writeString(parquet, "PAR1garbagegarbagegarbagePAR1");
        Run corrupt = sparkprop("train", "--input", parquet.toString(), "--output", dir.resolve("p").toString());
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("corrupt.parquet") && corrupt.err().contains("; cause: "), corrupt.err());

        Path multiline = dir.resolve("multi.csv");
        Files.writeString(multiline, "x,y,label\n1,\"two\nlines\",0\n3,4,1\n5,6,0\n");
        Run quoted = sparkprop("train", "--input", multiline.toString(), "--output", dir.resolve("q").toString());
        assertEquals(2, quoted.code());
        assertTrue(quoted.err().contains("multi.csv line 2: row does not have the 3 fields of the header (it opens "
                + "a quoted field that goes on past the end of the line"), quoted.err());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void usageErrorsExitWithTwoAndOneClearLine() throws IOException {
        Run unknown = sparkprop("train", "--input", IRIS, "--output", "x", "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--bogus'"), unknown.err());

        Run softmax = sparkprop("train", "--input", IRIS, "--activation", "softmax", "--output", "x");
        assertEquals(2, softmax.code());
        List<String> hidden = Activation.hiddenIds();
        assertTrue(softmax.err().contains("hidden layers take " + String.join(", ", hidden.subList(0,
                hidden.size() - 1)) + " or " + hidden.get(hidden.size() - 1)), softmax.err());

        Path config = dir.resolve("typo.properties");
        Files.writeString(config, "learning_rate=0.1\n");
        Run typo = sparkprop("train", "--config", config.toString());
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown key 'learning_rate'") && typo.err().contains("learning-rate"),
                typo.err());
    }

    @Test
    void badInputExitsWithTwoNamingWhatIsWrong() throws IOException {
        Run missing = sparkprop("train", "--input", dir.resolve("none.csv").toString(), "--output",
                dir.resolve("m").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("train: input not found: "), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Run badModel = sparkprop("evaluate", "--model", dir.toString(), "--input", IRIS);
        assertEquals(2, badModel.code());
        assertTrue(badModel.err().contains("model.json is missing"), badModel.err());

        Path existing = Files.createDirectory(dir.resolve("existing"));
        Run exists = sparkprop("train", "--input", IRIS, "--label", "species", "--output", existing.toString());
        assertEquals(2, exists.code());
        assertTrue(exists.err().contains("already exists; use --overwrite"), exists.err());
    }

    @Test
    void evaluateRefusesLabelsAndColumnsTheModelDoesNotKnow() throws IOException {
        String model = dir.resolve("iris").toString();
        assertEquals(0, sparkprop("train", "--input", IRIS, "--label", "species", "--iterations", "5", "--output",
                model).code());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of(IRIS)).subList(0, 5));
        lines.set(3, lines.get(3).replace("setosa", "daisy"));
        Path unseen = dir.resolve("unseen.csv");
        Files.write(unseen, lines);
        Run label = sparkprop("evaluate", "--model", model, "--input", unseen.toString());
        assertEquals(2, label.code());
        assertTrue(label.err().contains("line 4: column 'species': value 'daisy' is not one of the model's labels "
                + "setosa, versicolor, virginica"), label.err());

        Path narrow = dir.resolve("narrow.csv");
        Files.write(narrow, List.of("sepal_length,sepal_width,petal_length,species", "5.1,3.5,1.4,setosa"));
        Run columns = sparkprop("evaluate", "--model", model, "--input", narrow.toString());
        assertEquals(2, columns.code());
        assertTrue(columns.err().contains("the model reads column 'petal_width', which " + narrow
                + " does not have"), columns.err());
    }

    @Test
    void libsvmFromTheCommandLineAndAVectorSizeTheModelDoesNotTake() throws IOException {
        Path train = dir.resolve("train.txt");
        StringBuilder rows = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            int label = random.nextInt(2);
            rows.append(label).append(" 1:").append(label + random.nextGaussian()).append(" 3:")
                    .append(random.nextGaussian()).append(" 5:").append(1 - label + random.nextGaussian()).append('\n');
        }
        Files.writeString(train, rows);
        String model = dir.resolve("svm").toString();
        Run run = sparkprop("train", "--input", train.toString(), "--format", "libsvm", "--optimizer", "lbfgs",
                "--iterations", "30", "--test", train.toString(), "--output", model);
        assertEquals(0, run.code(), run.err());
        Matcher accuracy = Pattern.compile("test accuracy: ([0-9.]+)").matcher(run.out());
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) > 0.75, run.out());
        JsonNode json = new ObjectMapper().readTree(Path.of(model, "model.json").toFile());
        assertEquals("features", json.get("vectorColumn").asText());
        assertEquals(5, json.get("layers").get(0).asInt());

        Path narrower = dir.resolve("narrower.libsvm");
        Files.writeString(narrower, "1 1:2.5\n0 3:1\n");
        Run fits = sparkprop("evaluate", "--model", model, "--input", narrower.toString(), "--json");
        assertEquals(0, fits.code(), "a LibSVM file need not use the highest index: " + fits.err());

        Path wider = dir.resolve("wider.libsvm");
        Files.writeString(wider, "1 1:0.5 7:1\n0 2:1\n");
        Run evaluate = sparkprop("evaluate", "--model", model, "--input", wider.toString());
        assertEquals(2, evaluate.code(), evaluate.err());
        assertTrue(evaluate.err().contains("cannot read " + wider) && evaluate.err().contains("vector of size 5"),
                evaluate.err());
    }

    @Test
    void predictAndInspectRefuseBadUsageAndMissingFiles() throws IOException {
        Run noOutput = sparkprop("predict", "--model", "m", "--input", IRIS);
        assertEquals(2, noOutput.code());
        assertTrue(noOutput.err().contains("Missing required option: '--output=PATH'"), noOutput.err());

        Run badModel = sparkprop("inspect", "--model", dir.resolve("nowhere").toString());
        assertEquals(2, badModel.code());
        assertTrue(badModel.err().contains("does not exist"), badModel.err());

        String model = dir.resolve("binary").toString();
        Path binary = dir.resolve("binary.csv");
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(Path.of(IRIS)).subList(0, 101));
        Files.write(binary, rows);
        assertEquals(0, sparkprop("train", "--input", binary.toString(), "--label", "species", "--standardize",
                "--iterations", "20", "--output", model).code());
        Run missing = sparkprop("predict", "--model", model, "--input", dir.resolve("none.csv").toString(),
                "--output", dir.resolve("p").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("input not found"), missing.err());

        Run evaluate = sparkprop("evaluate", "--model", model, "--input", binary.toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("AUC 1.000000") && evaluate.out().contains("precision")
                && evaluate.out().contains("versicolor"), evaluate.out());

        Run partitions = sparkprop("evaluate", "--model", model, "--input", binary.toString(), "--partitions", "-1");
        assertRefusedInOneLine(partitions, "--partitions must be an integer in [0, 1000000], got -1");
    }

    /**
     * What no task could hold is refused with one line before Spark is asked for it: evaluating a classifier of
     * more classes than sparkprop scores (its confusion matrix), standardizing data too wide for its moments.
     */
    @Test
    void scoringAndStandardizingBeyondWhatFitsAreRefused() throws IOException {
        io.github.sparkprop.math.Network network = io.github.sparkprop.math.Network.of(4, new int[0],
                io.github.sparkprop.math.Activation.RELU, 1001, io.github.sparkprop.math.Activation.SOFTMAX,
                io.github.sparkprop.math.Loss.CROSS_ENTROPY);
        List<String> labels = java.util.stream.IntStream.range(0, 1001).mapToObj(Integer::toString).toList();
        String model = dir.resolve("classes-1001").toString();
        ModelStore.save(new Model(network, new double[network.parameterCount()], io.github.sparkprop.Task.CLASSIFICATION,
                labels, null, null, null, null), model, false, java.util.Map.of(), new Configuration());
        String blobs = io.github.sparkprop.testing.Csv.blobs(dir, "blobs4.csv", 30, 4, 5);
        Run evaluate = sparkprop("evaluate", "--model", model, "--input", blobs);
        assertRefusedInOneLine(evaluate, "a model of 1001 classes cannot be evaluated");

        Path wide = dir.resolve("wide.libsvm");
        Files.write(wide, List.of("1 1:0.5 100000000:1", "0 2:1"));
        Run standardize = sparkprop("train", "--input", wide.toString(), "--standardize", "--output",
                dir.resolve("never").toString());
        assertRefusedInOneLine(standardize, "--standardize needs the mean and variance of each of the 100,000,000 "
                + "features");
        assertFalse(Files.exists(dir.resolve("never")));
    }

    /** A --config that is no job file (endless, or huge) is refused with one line before it fills the memory. */
    @Test
    void anEndlessConfigFileIsRefused() throws IOException {
        Path huge = dir.resolve("huge.properties");
        Files.write(huge, new byte[(1 << 20) + 1]);
        for (String config : new String[] {huge.toString(), "/dev/zero"}) {
            Run run = sparkprop("train", "--config", config, "--output", dir.resolve("never").toString());
            assertRefusedInOneLine(run, "--config file " + config + " has more than 1048576 bytes");
        }
    }

    /** The committed version-1 model, evaluated now, gives the figures recorded when it was saved. */
    @Test
    void theFixtureModelEvaluatesAsRecorded() throws IOException {
        String fixture = "src/test/resources/models/iris-v1";
        JsonNode recorded = new ObjectMapper().readTree(Path.of(fixture, "model.json").toFile())
                .get("training").get("trainMetrics");
        Run evaluate = sparkprop("evaluate", "--model", fixture, "--input", IRIS, "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        JsonNode now = new ObjectMapper().readTree(evaluate.out());
        assertEquals(recorded.get("accuracy").asDouble(), now.get("accuracy").asDouble(), 1e-12);
        assertEquals(recorded.get("logLoss").asDouble(), now.get("logLoss").asDouble(), 1e-9);
        assertEquals(recorded.get("confusionMatrix"), now.get("confusionMatrix"));
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String command : new String[] {"train", "predict", "evaluate", "inspect", "export", "tune"}) {
            Run help = sparkprop(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().startsWith("Usage: sparkprop " + command) && help.out().contains("Example")
                    && help.out().contains("Exit codes: 0 success, 2 bad usage"), help.out());
            assertTrue(help.out().lines().allMatch(line -> line.length() <= 80), "fits 80 columns: " + command);
        }
        Run top = sparkprop();
        assertEquals(2, top.code());
        assertTrue(top.err().contains("a command is missing: train, predict, evaluate, inspect, export, tune or bench"), top.err());
    }

    @Test
    void badColumnRoleOptionsAreRefusedInOneLine() {
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "species", "--impute", "mode",
                "--output", dir.resolve("m1").toString()), "--impute must be one of mean, median, got mode");
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "species", "--max-categories", "0",
                "--output", dir.resolve("m2").toString()), "--max-categories must be an integer in [1, 10000]");
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "species", "--categorical",
                "species", "--output", dir.resolve("m3").toString()), "'species' is the label");
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "species", "--exclude", "petals",
                "--output", dir.resolve("m4").toString()), "--exclude column 'petals' not found");
    }

    @Test
    void helpAndVersionAnswer() {
        Run help = sparkprop("train", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--learning-rate=A")
                && Pattern.compile("Step size alpha [^-]*optimizer's\\s+own,\\s+0\\.1\\s+for\\s+gd[^-]*Default:\\s+0\\s")
                        .matcher(help.out()).find(), help.out());
        for (String option : List.of("--max-categories=K", "--categorical=COLS", "--exclude=COLS",
                "--impute=mean|median")) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        Run version = sparkprop("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("sparkprop "), version.out());
    }
}
