package io.github.sparkprop.internal.cli;

import static io.github.sparkprop.internal.cli.CliTest.assertRefusedInOneLine;
import static io.github.sparkprop.internal.cli.CliTest.sparkprop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.internal.cli.CliTest.Run;
import io.github.sparkprop.ml.SparkPropClassificationModel;
import io.github.sparkprop.testing.LogLines;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public tables nobody here wrote (data/README.md gives their provenance), trained with the default column roles:
 * their categories are used, their free text left out, their dates and gaps handled, and the models score at
 * least as well on held-out rows as models of their numeric columns alone, with the same settings.
 */
class RealTablesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARS = "data/cars.csv";
    private static final String PENGUINS = "data/penguins.csv";
    private static final String WEATHER = "data/seattle-weather.csv";
    /** Logistic or linear regression by L-BFGS, lightly regularised, a seeded quarter of the rows held out. */
    private static final List<String> SETTINGS = List.of("--standardize", "--optimizer", "lbfgs", "--iterations",
            "200", "--l2", "0.001", "--test-fraction", "0.25", "--seed", "1");

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    /** Trains with the settings and returns model.json. */
    private JsonNode train(String model, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--output", dir.resolve(model).toString()));
        args.addAll(List.of(options));
        args.addAll(SETTINGS);
        Run run = sparkprop(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return JSON.readTree(dir.resolve(model).resolve("model.json").toFile());
    }

    private static JsonNode input(JsonNode model, String name) {
        for (JsonNode input : model.get("inputs")) {
            if (input.get("name").asText().equals(name)) {
                return input;
            }
        }
        return null;
    }

    private static double test(JsonNode model, String figure) {
        return model.get("training").get("testMetrics").get(figure).asDouble();
    }

    @Test
    void carsMilesPerGallonUsesOriginAndYearAndLeavesOutTheNames() throws IOException {
        JsonNode roles = train("cars", "--input", CARS, "--label", "Miles_per_Gallon", "--task", "regression",
                "--impute", "median", "--handle-invalid", "skip");
        assertEquals(2, roles.get("formatVersion").asInt());
        assertEquals("categorical", input(roles, "Origin").get("kind").asText());
        assertEquals(List.of("Europe", "Japan", "USA"), JSON.convertValue(input(roles, "Origin").get("categories"),
                List.class));
        assertEquals("date", input(roles, "Year").get("kind").asText());
        assertEquals(null, input(roles, "Name"), "free text (311 names) is left out");
        assertTrue(input(roles, "Horsepower").has("fill"), "Horsepower has gaps, filled in");
        JsonNode numeric = train("cars-numeric", "--input", CARS, "--label", "Miles_per_Gallon", "--task",
                "regression", "--impute", "median", "--handle-invalid", "skip", "--features",
                "Cylinders,Displacement,Horsepower,Weight_in_lbs,Acceleration");
        assertEquals("numeric", input(numeric, "Horsepower").get("kind").asText());
        assertTrue(test(roles, "rmse") <= test(numeric, "rmse"),
                test(roles, "rmse") + " vs numeric only " + test(numeric, "rmse"));
    }

    @Test
    void weatherUsesTheDateAndScoresAtLeastAsWellAsItsNumbers() throws IOException {
        JsonNode roles = train("weather", "--input", WEATHER, "--label", "weather");
        assertEquals(List.of("date.year", "date.dayOfYear", "precipitation", "temp_max", "temp_min", "wind"),
                JSON.convertValue(roles.get("features"), List.class));
        JsonNode numeric = train("weather-numeric", "--input", WEATHER, "--label", "weather", "--features",
                "precipitation,temp_max,temp_min,wind");
        assertTrue(test(roles, "accuracy") >= test(numeric, "accuracy")
                && test(roles, "logLoss") <= test(numeric, "logLoss"), roles.get("training").get("testMetrics")
                        + " vs numeric only " + numeric.get("training").get("testMetrics"));

        // its graph reads the columns (onnxruntime's scores are checked in python/tests/test_onnx_columns.py)
        String model = dir.resolve("weather").toString();
        String graph = dir.resolve("weather.onnx").toString();
        Run vector = sparkprop("export", "--model", model, "--output", graph, "--inputs", "vector");
        assertEquals(2, vector.code());
        assertTrue(vector.err().contains("date: date") && vector.err().contains("--inputs columns"), vector.err());
        Run typo = sparkprop("export", "--model", model, "--output", graph, "--inputs", "colums");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("'colums' is not one of columns, vector"), typo.err());
        Run columns = sparkprop("export", "--model", model, "--output", graph);
        assertEquals(0, columns.code(), columns.err());
        assertTrue(columns.out().contains("reading 5 columns (date, precipitation, temp_max, temp_min, wind)"),
                columns.out());
    }

    /** penguins.csv with an id column in front (row number), to match rows across outputs. */
    private String penguinsWithIds(String name, String replace, String by) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(PENGUINS));
        List<String> out = new ArrayList<>(List.of("id," + lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            out.add(i + "," + (i == 5 && replace != null ? lines.get(i).replace(replace, by) : lines.get(i)));
        }
        Path file = dir.resolve(name);
        Files.write(file, out);
        return file.toString();
    }

    @Test
    void penguinsPredictEvaluateAndTheMlApiGiveTheSameProbabilitiesFromTheRawTable() throws IOException {
        String penguins = penguinsWithIds("penguins.csv", null, null);
        JsonNode roles = train("penguins", "--input", penguins, "--label", "species", "--impute", "median",
                "--exclude", "id");
        assertEquals(List.of("Biscoe", "Dream", "Torgersen"), JSON.convertValue(input(roles, "island")
                .get("categories"), List.class));
        assertTrue(input(roles, "sex").get("missingCategory").asBoolean(), "10 penguins have no sex recorded");
        JsonNode numeric = train("penguins-numeric", "--input", penguins, "--label", "species", "--impute", "median",
                "--features", "beak_length_mm,beak_depth_mm,flipper_length_mm,body_mass_g");
        assertTrue(test(roles, "accuracy") >= test(numeric, "accuracy")
                && test(roles, "logLoss") <= test(numeric, "logLoss"), roles.get("training").get("testMetrics")
                        + " vs numeric only " + numeric.get("training").get("testMetrics"));

        String model = dir.resolve("penguins").toString();
        String predictions = dir.resolve("predictions").toString();
        Run predict = sparkprop("predict", "--model", model, "--input", penguins, "--output", predictions);
        assertEquals(0, predict.code(), predict.err());
        List<String> labels = JSON.convertValue(roles.get("labels"), List.class);
        Dataset<Row> predicted = SharedSpark.session().read().option("header", true).csv(predictions);
        Map<Integer, double[]> byPredict = new HashMap<>();
        double logLoss = 0;
        for (Row row : predicted.collectAsList()) {
            double[] p = new double[labels.size()];
            for (int c = 0; c < p.length; c++) {
                p[c] = Double.parseDouble(row.getString(row.fieldIndex("probability_" + labels.get(c))));
            }
            byPredict.put(Integer.parseInt(row.getString(row.fieldIndex("id"))), p);
            logLoss -= Math.log(p[labels.indexOf(row.getString(row.fieldIndex("species")))]);
        }
        assertEquals(344, byPredict.size(), "every penguin predicted, gaps filled in");

        Run evaluate = sparkprop("evaluate", "--model", model, "--input", penguins, "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertEquals(logLoss / byPredict.size(), JSON.readTree(evaluate.out()).get("logLoss").asDouble(), 1e-12,
                "evaluate's log loss is the mean -log p(species) of predict's probabilities");

        // the ML API: the command line's model loaded, given the raw table (every column as text) to transform
        Dataset<Row> raw = SharedSpark.session().read().option("header", true).csv(penguins);
        List<Row> transformed = SparkPropClassificationModel.load(model).transform(raw).select("id", "probability")
                .collectAsList();
        assertEquals(344, transformed.size());
        for (Row row : transformed) {
            double[] p = ((Vector) row.get(1)).toArray();
            double[] expected = byPredict.get(Integer.parseInt(row.getString(0)));
            for (int c = 0; c < p.length; c++) {
                assertEquals(expected[c], p[c], 1e-12, "penguin " + row.getString(0) + ", " + labels.get(c));
            }
        }
    }

    /**
     * A category never seen in training is scored as none of the known ones (all its inputs 0) and counted, by
     * predict, evaluate and the ML model alike; the strict reading refuses it, naming the file, line and value.
     */
    @Test
    void aCategoryNeverSeenInTrainingIsScoredAsNoneOfTheKnownOnes() throws IOException {
        String model = dir.resolve("islands").toString();
        Run train = sparkprop("train", "--input", PENGUINS, "--label", "species", "--iterations", "5", "--output",
                model);
        assertEquals(0, train.code(), train.err());
        String atlantis = penguinsWithIds("atlantis.csv", ",Torgersen,", ",Atlantis,");
        Run kept;
        String log;
        try (LogLines lines = LogLines.of(io.github.sparkprop.internal.data.DataLoader.class)) {
            kept = sparkprop("predict", "--model", model, "--input", atlantis, "--output", dir.resolve("p1").toString());
            log = lines.text();
        }
        assertEquals(0, kept.code(), kept.err());
        assertTrue(kept.out().contains("344 predictions written"), kept.out());
        assertTrue(log.contains("island: 1 categories not seen in training, scored as none of the known ones"), log);
        List<String> penguins = Files.readAllLines(Path.of(PENGUINS));
        Path strict = dir.resolve("strict.csv");
        Files.write(strict, List.of(penguins.get(0), penguins.get(1), penguins.get(2).replace(",Torgersen,",
                ",Atlantis,")));
        Run refused = sparkprop("predict", "--model", model, "--input", strict.toString(), "--output",
                dir.resolve("p2").toString(), "--handle-invalid", "error");
        assertRefusedInOneLine(refused, "strict.csv line 3: column 'island': value 'Atlantis' is not a category "
                + "seen in training (Biscoe, Dream, Torgersen)", "--handle-invalid skip");
        assertFalse(Files.exists(dir.resolve("p2")), "nothing written");
        Run evaluate = sparkprop("evaluate", "--model", model, "--input", atlantis, "--json");
        assertEquals(344, JSON.readTree(evaluate.out()).get("samples").asInt(), evaluate.err());
        Dataset<Row> raw = SharedSpark.session().read().option("header", true).csv(atlantis);
        assertEquals(raw.count(), SparkPropClassificationModel.load(model).transform(raw).select("prediction")
                .collectAsList().size(), "the ML model scores the row too");
    }
}
