package io.github.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.testing.Commands;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scorer for every face: a command-line classifier over three classes with a scaler and squared loss
 * (three sigmoid output units) gives the same class probabilities through {@code sparkprop predict}, the
 * Spark ML API's {@code transform} and {@code sparkprop evaluate}'s log loss.
 */
@Tag(SharedSpark.MLLIB)
class OneScorerTest {

    private static final String[] MEASUREMENTS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    @TempDir
    Path dir;

    @Test
    void predictTransformAndEvaluateAgreeOnASquaredLossClassifier() throws IOException {
        String model = dir.resolve("squared").toString();
        Commands.succeed("train", "--input", "data/iris.csv", "--label", "species", "--standardize", "--loss", "squared",
                "--hidden", "5", "--activation", "tanh", "--optimizer", "adam", "--learning-rate", "0.05",
                "--iterations", "40", "--output", model);
        Path withIds = dir.resolve("iris-ids.csv");
        List<String> lines = Files.readAllLines(Path.of("data/iris.csv"));
        List<String> numbered = new ArrayList<>(List.of("id," + lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            numbered.add(i + "," + lines.get(i));
        }
        Files.write(withIds, numbered);

        String predictions = dir.resolve("predictions").toString();
        Commands.succeed("predict", "--model", model, "--input", withIds.toString(), "--output", predictions, "--output-format",
                "parquet");
        List<String> labels = new ArrayList<>();
        new ObjectMapper().readTree(Path.of(model, "model.json").toFile()).get("labels")
                .forEach(label -> labels.add(label.asText()));
        assertEquals(List.of("setosa", "versicolor", "virginica"), labels);
        Map<Integer, double[]> predicted = new HashMap<>();
        double logLoss = 0;
        for (Row row : SharedSpark.session().read().parquet(predictions).collectAsList()) {
            double[] p = new double[labels.size()];
            for (int c = 0; c < p.length; c++) {
                p[c] = row.getDouble(row.fieldIndex("probability_" + labels.get(c)));
            }
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12, "predict's probabilities sum to 1");
            predicted.put(Integer.parseInt(String.valueOf(row.get(row.fieldIndex("id")))), p);
            logLoss -= Math.log(p[labels.indexOf(row.getString(row.fieldIndex("species")))]);
        }
        assertEquals(150, predicted.size());

        Dataset<Row> table = SharedSpark.session().read().option("header", true).option("inferSchema", true)
                .csv(withIds.toString());
        Dataset<Row> features = new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features")
                .transform(table);
        for (Row row : SparkPropClassificationModel.load(model).transform(features).select("id", "probability")
                .collectAsList()) {
            double[] api = ((Vector) row.get(1)).toArray();
            double[] cli = predicted.get(row.getInt(0));
            for (int c = 0; c < api.length; c++) {
                assertEquals(cli[c], api[c], 1e-12, "row " + row.getInt(0) + ", class " + labels.get(c));
            }
        }

        JsonNode evaluated = new ObjectMapper().readTree(Commands.succeed("evaluate", "--model", model, "--input",
                "data/iris.csv", "--json"));
        assertEquals(logLoss / 150, evaluated.get("logLoss").asDouble(), 1e-12);
        assertTrue(evaluated.has("squaredLoss"), evaluated.toString());
    }
}
