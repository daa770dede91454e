package io.github.sparkprop.internal.cli;

import static io.github.sparkprop.internal.cli.CliTest.assertRefusedInOneLine;
import static io.github.sparkprop.internal.cli.CliTest.sparkprop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.internal.cli.CliTest.Run;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets first: the defaults, mistakes answered from names and paths with suggestions, and the
 * messages that say what to do.
 */
class MistakesAndDefaultsTest {

    private static final String IRIS = "data/iris.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    /** A table of iris with a gap and a category its test file lacks trains with the defaults alone. */
    @Test
    void theDefaultsTrainOnATableWithGapsAndFillTheTestFileToo() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(IRIS));
        List<String> train = new java.util.ArrayList<>(lines);
        train.set(3, train.get(3).replaceFirst("^[^,]*", "NA"));
        train.set(60, train.get(60).replaceFirst("^[^,]*,[^,]*", "5.0,"));
        Path data = dir.resolve("gaps.csv");
        Files.write(data, train);
        String model = dir.resolve("m").toString();
        Run run = sparkprop("train", "--input", data.toString(), "--label", "species", "--test", IRIS, "--output",
                model);
        assertEquals(0, run.code(), run.err());
        Matcher accuracy = Pattern.compile("test accuracy: ([0-9.]+)").matcher(run.out());
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) > 0.95, run.out());
        JsonNode training = JSON.readTree(Path.of(model, "model.json").toFile()).get("training");
        assertEquals("lbfgs", training.get("settings").get("optimizer").asText(), "auto is lbfgs for full batches");
        assertTrue(training.get("settings").get("standardize").asBoolean());
        assertEquals(1.0 / 150, training.get("settings").get("l2").asDouble(), 1e-15, "1/m for a linear model");
        assertTrue(training.has("converged") && training.has("stopReason"), training.toString());
        assertFalse(training.get("settings").has("activation"), "a linear model has no hidden activation");

        Run strict = sparkprop("train", "--input", data.toString(), "--label", "species", "--handle-invalid",
                "error", "--output", dir.resolve("m2").toString());
        assertRefusedInOneLine(strict, "gaps.csv line 4: column 'sepal_length': value 'NA' is missing",
                "fill gaps in with --impute mean|median", "--handle-invalid skip");
        Run conflict = sparkprop("train", "--input", data.toString(), "--label", "species", "--handle-invalid",
                "error", "--impute", "median", "--output", dir.resolve("m3").toString());
        assertRefusedInOneLine(conflict, "--impute median fills gaps in, which --handle-invalid error makes invalid");
    }

    @Test
    void namesAndPathsAreCheckedWithSuggestions() throws IOException {
        String out = dir.resolve("never").toString();
        assertRefusedInOneLine(sparkprop("train", "--label", "species", "--output", out),
                "--input is missing: name the data to read");
        assertRefusedInOneLine(sparkprop("evaluate", "--model", out), "--input is missing: name the data to read");
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "spcies", "--output", out),
                "label column 'spcies' not found in data/iris.csv; did you mean 'species'?");
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "species", "--exclude", "sepal-width",
                "--output", out), "--exclude column 'sepal-width' not found", "did you mean 'sepal_width'?");
        assertRefusedInOneLine(sparkprop("train", "--input", IRIS, "--label", "species", "--test",
                dir.resolve("nothing.csv").toString(), "--output", out), "input not found: ");
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(Path.of(IRIS), mixed.resolve("a.csv"));
        Files.writeString(mixed.resolve("b.libsvm"), "1 1:0.5\n");
        assertRefusedInOneLine(sparkprop("train", "--input", mixed.toString(), "--label", "species", "--output",
                out), "holds files of different formats", "a.csv (csv)", "b.libsvm (libsvm)");
        Path notAModel = Files.createDirectories(dir.resolve("not-a-model"));
        assertRefusedInOneLine(sparkprop("predict", "--model", notAModel.toString(), "--input", IRIS, "--output",
                dir.resolve("p").toString()), "is not a complete sparkprop model");
        assertFalse(Files.exists(Path.of(out)), "nothing written");

        Run command = sparkprop("trian", "--input", IRIS);
        assertEquals(2, command.code());
        assertTrue(command.err().contains("Did you mean: ") && command.err().contains("train"), command.err());
        Run option = sparkprop("train", "--input", IRIS, "--itrations", "5", "--output", out);
        assertEquals(2, option.code());
        assertTrue(option.err().contains("Did you mean: ") && option.err().contains("--iterations"), option.err());
    }

    /** The plateau schedule listens to validation losses: refused without validation data, trained with them. */
    @Test
    void thePlateauScheduleNeedsValidationData() {
        String[] plateau = {"train", "--input", IRIS, "--label", "species", "--optimizer", "gd", "--learning-rate", "0.5",
            "--schedule", "plateau", "--decay-every", "2", "--iterations", "30", "--output",
            dir.resolve("plateau").toString()};
        assertRefusedInOneLine(sparkprop(plateau),
                "--schedule plateau needs validation data: --validation-fraction or --validation");
        String[] validated = java.util.Arrays.copyOf(plateau, plateau.length + 2);
        validated[plateau.length] = "--validation-fraction";
        validated[plateau.length + 1] = "0.3";
        Run run = sparkprop(validated);
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void usageErrorsNameTheCommandAsTheUserTypedIt() {
        System.setProperty("sparkprop.launcher", "./submit/local.sh");
        try {
            Run run = sparkprop("train", "--itrations", "5");
            assertTrue(run.err().contains("Try './submit/local.sh train --help'"), run.err());
        } finally {
            System.clearProperty("sparkprop.launcher");
        }
    }

    @Test
    void predictKeepsFeatureColumnsOnRequestAndInspectListsTheLabelOnce() throws IOException {
        String model = dir.resolve("iris").toString();
        assertEquals(0, sparkprop("train", "--input", IRIS, "--label", "species", "--iterations", "20", "--output",
                model).code());
        Run inspect = sparkprop("inspect", "--model", model);
        assertEquals(1, inspect.out().lines().filter(line -> line.strip().startsWith("label ")).count(),
                inspect.out());
        assertFalse(inspect.out().contains("activation"), inspect.out());
        List<String> header = predictedHeader(model, "p1");
        assertEquals(List.of("species", "prediction"), header.subList(0, 2), "by default, the non-feature columns");
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species", "prediction"),
                predictedHeader(model, "p2", "--keep-columns", "all").subList(0, 6));
        assertEquals(List.of("petal_width", "species", "prediction"),
                predictedHeader(model, "p3", "--keep-columns", "petal_width").subList(0, 3));
        assertRefusedInOneLine(sparkprop("predict", "--model", model, "--input", IRIS, "--output",
                dir.resolve("p4").toString(), "--keep-columns", "petal_widht"), "--keep-columns names 'petal_widht'",
                "did you mean 'petal_width'?");
    }

    private List<String> predictedHeader(String model, String output, String... extra) throws IOException {
        Path out = dir.resolve(output);
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("predict", "--model", model,
                "--input", IRIS, "--output", out.toString()), java.util.Arrays.stream(extra)).toArray(String[]::new);
        Run run = sparkprop(args);
        assertEquals(0, run.code(), run.err());
        try (var parts = Files.list(out)) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
            return List.of(Files.readAllLines(part).get(0).split(","));
        }
    }
}
