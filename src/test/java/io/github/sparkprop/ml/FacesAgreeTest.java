package io.github.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.optim.OptimizerKind;
import io.github.sparkprop.testing.Commands;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.Weights;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the Spark ML API run one training job: for every optimizer of the registry, the same
 * settings on the same rows give the same weights through {@code sparkprop train} and {@code fit}, and the
 * same settings in model.json.
 */
@Tag(SharedSpark.MLLIB)
class FacesAgreeTest {

    private static final String[] MEASUREMENTS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    @TempDir
    Path dir;

    @Test
    void everyOptimizerTrainsTheSameWeightsFromBothFaces() throws IOException {
        Dataset<Row> iris = iris();
        // the command line's classes are the sorted species, so index them alphabetically here
        Dataset<Row> indexed = new StringIndexer().setInputCol("species").setOutputCol("label")
                .setStringOrderType("alphabetAsc").fit(iris).transform(iris);
        Dataset<Row> data = new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features")
                .transform(indexed).cache();
        for (OptimizerKind kind : OptimizerKind.values()) {
            String cliModel = dir.resolve("cli-" + kind.id()).toString();
            Commands.succeed("train", "--input", "data/iris.csv", "--label", "species", "--hidden", "3", "--activation", "tanh",
                    "--standardize", "--optimizer", kind.id(), "--learning-rate", "0.05", "--iterations", "15",
                    "--seed", "7", "--output", cliModel);
            SparkPropClassificationModel api = new SparkPropClassifier().setHiddenLayers(3).setActivation("tanh")
                    .setParam("standardization", true).setOptimizer(kind.id()).setStepSize(0.05).setMaxIter(15)
                    .setSeed(7).fit(data);
            double[] expected = ModelStore.load(cliModel, new Configuration()).weights();
            assertTrue(Weights.relativeDifference(api.weights(), expected) < 1e-9, kind.id() + ": "
                    + Weights.relativeDifference(api.weights(), expected));

            String apiModel = dir.resolve("api-" + kind.id()).toString();
            api.write().save(apiModel);
            JsonNode cliSettings = settings(cliModel);
            JsonNode apiSettings = settings(apiModel);
            for (String key : new String[] {"optimizer", "hidden", "activation", "standardize", "iterations", "seed",
                "learningRate", "beta1", "weightDecay", "momentum", "lbfgsMemory", "layers", "network"}) {
                assertEquals(cliSettings.get(key), apiSettings.get(key), kind.id() + " " + key);
            }
            assertEquals(kind.id(), apiSettings.get("optimizer").asText());
        }
        data.unpersist();
    }

    /** Every hidden activation of the core, chosen by name on both faces, trains the same weights. */
    @Test
    void everyHiddenActivationTrainsTheSameWeightsFromBothFaces() throws IOException {
        Dataset<Row> data = new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features")
                .transform(new StringIndexer().setInputCol("species").setOutputCol("label")
                        .setStringOrderType("alphabetAsc").fit(iris()).transform(iris())).cache();
        for (String activation : io.github.sparkprop.math.Activation.hiddenIds()) {
            String cliModel = dir.resolve("cli-" + activation).toString();
            Commands.succeed("train", "--input", "data/iris.csv", "--label", "species", "--hidden", "4", "--activation",
                    activation, "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "10", "--seed", "3",
                    "--output", cliModel);
            SparkPropClassificationModel api = new SparkPropClassifier().setHiddenLayers(4).setActivation(activation)
                    .setOptimizer("adam").setStepSize(0.05).setMaxIter(10).setSeed(3).fit(data);
            double[] expected = ModelStore.load(cliModel, new Configuration()).weights();
            assertTrue(Weights.relativeDifference(api.weights(), expected) < 1e-9, activation);
            assertEquals(activation, api.network().activation(1).id());
        }
        data.unpersist();
    }

    private static Dataset<Row> iris() {
        return SharedSpark.session().read().option("header", true).option("inferSchema", true).csv("data/iris.csv");
    }

    private static JsonNode settings(String model) throws IOException {
        return new ObjectMapper().readTree(Path.of(model, "model.json").toFile()).get("training").get("settings");
    }
}
