package io.github.sparkprop.internal.cli;

import static io.github.sparkprop.internal.cli.CliTest.assertRefusedInOneLine;
import static io.github.sparkprop.internal.cli.CliTest.sparkprop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkprop tune}: a grid from the command line or a job file, the candidates' lines and the leaderboard,
 * the best model (every one with --keep all), tune.json with each candidate's settings, figures and history, the
 * overlaid curves; what it refuses.
 */
class TuneCommandTest {

    private static final String IRIS = "data/iris.csv";

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    @Test
    void aGridTrainsItsCandidatesRanksThemAndKeepsTheBest() throws IOException {
        Path output = dir.resolve("search");
        CliTest.Run tune = sparkprop("tune", "--input", IRIS, "--label", "species", "--optimizer", "adam",
                "--iterations", "12", "--grid", "hidden=3,[4,3];learning-rate=0.003,0.1", "--keep", "all",
                "--output", output.toString());
        assertEquals(0, tune.code(), tune.err());
        assertTrue(tune.out().contains("tuning 4 candidates, ranked by validation accuracy"), tune.out());
        assertTrue(tune.out().contains("candidate 2/4 hidden=3 learning-rate=0.1: 12 iterations"), tune.out());
        assertTrue(tune.out().contains("1 cached data set"), tune.out());
        JsonNode json = new ObjectMapper().readTree(output.resolve("tune.json").toFile());
        assertEquals("accuracy", json.get("metric").asText());
        assertEquals(4, json.get("candidates").size());
        // ranked: scores never increase down the list, the first is the best and its model is best/
        List<Double> scores = new ArrayList<>();
        json.get("candidates").forEach(candidate -> scores.add(candidate.get("score").asDouble()));
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i) <= scores.get(i - 1), scores.toString());
        }
        JsonNode best = json.get("candidates").get(0);
        assertEquals(json.get("best").asInt(), best.get("candidate").asInt());
        assertEquals(12, best.get("history").size());
        assertTrue(best.get("history").get(11).get("validationLoss").isNumber(), best.toString());
        assertEquals(best.get("settings").get("learningRate").asDouble(), new ObjectMapper().readTree(output
                .resolve("best").resolve("model.json").toFile()).at("/training/settings/learningRate").asDouble());
        for (int k = 1; k <= 4; k++) {
            assertTrue(Files.isRegularFile(output.resolve("candidate-" + k).resolve("model.json")), "candidate " + k);
        }
        assertTrue(Files.size(output.resolve("loss.png")) > 1000);
        // the leaderboard names the search's wall time and Spark jobs
        assertTrue(tune.out().lines().anyMatch(line -> line.startsWith("4 candidates in ")), tune.out());
    }

    @Test
    void aJobFileGivesTheGridAndMistakesAreNamed() throws IOException {
        Path job = dir.resolve("search.properties");
        Files.writeString(job, "input=" + IRIS + "\nlabel=species\niterations=5\ngrid=l2=0,0.01\n");
        CliTest.Run fromFile = sparkprop("tune", "--config", job.toString(), "--output", dir.resolve("l2")
                .toString());
        assertEquals(0, fromFile.code(), fromFile.err());
        assertTrue(fromFile.out().contains("tuning 2 candidates"), fromFile.out());

        assertRefusedInOneLine(sparkprop("tune", "--input", IRIS, "--label", "species", "--grid",
                "hiden=3,4", "--output", dir.resolve("a").toString()), "--grid names 'hiden'", "did you mean 'hidden'");
        assertRefusedInOneLine(sparkprop("tune", "--input", IRIS, "--label", "species", "--grid",
                "learning-rate=0.1,fast", "--output", dir.resolve("b").toString()), "value 'fast' of learning-rate");
        assertRefusedInOneLine(sparkprop("tune", "--input", IRIS, "--label", "species", "--grid",
                "hidden=3", "--metric", "rmse", "--output", dir.resolve("c").toString()),
                "--metric rmse ranks regressors", "accuracy, log-loss, auc");
    }
}
