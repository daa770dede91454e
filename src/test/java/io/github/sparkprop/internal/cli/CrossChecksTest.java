package io.github.sparkprop.internal.cli;

import static io.github.sparkprop.internal.cli.CliTest.assertRefusedInOneLine;
import static io.github.sparkprop.internal.cli.CliTest.sparkprop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options checked against each other and against the data, not only one by one: held-out fractions that leave no
 * row to train on, more partitions than rows, a checkpoint directory that is the model's, a loss that explodes
 * without reaching infinity, and a loss that is not finite before the first step.
 */
class CrossChecksTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    private String[] iris(String output, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--input", "data/iris.csv", "--label", "species",
                "--iterations", "5", "--output", output));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** x1, x2 and y = 2 x1 + 1 on 20 rows. */
    private String twentyRows() {
        StringBuilder rows = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i).append(',').append(i % 7).append(',').append(2 * i + 1).append('\n');
        }
        return Csv.write(dir, "twenty.csv", rows.toString().split("\n"));
    }

    @Test
    void heldOutFractionsThatLeaveNoTrainingRowAreRefused() {
        String table = twentyRows();
        Path model = dir.resolve("m");
        assertRefusedInOneLine(sparkprop("train", "--input", table, "--label", "y", "--task", "regression",
                "--validation-fraction", "0.99", "--output", model.toString()),
                "no rows are left to train on: --validation-fraction 0.99 and --test-fraction 0.0 hold out all 20 "
                        + "valid rows of " + table + "; lower them");
        assertFalse(Files.exists(model), "no model saved");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void moreThanOnePartitionARowSpreadsTheRowsOverAsManyAsRows() {
        assertEquals(0, sparkprop("train", "--input", twentyRows(), "--label", "y", "--task", "regression",
                "--iterations", "3", "--partitions", "1000000", "--output", dir.resolve("m").toString()).code());
    }

    @Test
    void aCheckpointDirectoryThatOverlapsTheModelOrTheInputIsRefusedBeforeTraining() throws IOException {
        String model = dir.resolve("m").toString();
        String overlap = " overlap (the same directory, or one inside the other); give --checkpoint-dir a directory "
                + "of its own";
        assertRefusedInOneLine(sparkprop(iris(model, "--checkpoint-dir", model)), "--checkpoint-dir " + model
                + " and the model's output " + model + overlap);
        assertRefusedInOneLine(sparkprop(iris(model, "--checkpoint-dir", model + "/checkpoints")), overlap);
        Path input = Files.createDirectories(dir.resolve("input"));
        String table = Csv.write(input, "iris.csv", Files.readAllLines(Path.of("data/iris.csv"))
                .toArray(String[]::new));
        assertRefusedInOneLine(sparkprop("train", "--input", input.toString(), "--label", "species", "--output", model,
                "--checkpoint-dir", input.resolve("checkpoints").toString()), "--checkpoint-dir "
                + input.resolve("checkpoints") + " and the input " + input + " overlap: checkpoints written there "
                + "would be read as data");
        assertFalse(Files.exists(dir.resolve("m")), "nothing written");
        assertEquals(List.of(Path.of(table)), Files.list(input).toList(), "the input as it was");
    }

    @Test
    void aLossThatExplodesWithoutReachingInfinityIsDivergence() {
        assertRefusedInOneLine(sparkprop(iris(dir.resolve("m").toString(), "--hidden", "3", "--optimizer", "gd",
                "--learning-rate", "1e308")), "training diverged at iteration", "try a smaller --learning-rate");
        assertFalse(Files.exists(dir.resolve("m")), "no model saved");
    }

    @Test
    void aLossNotFiniteBeforeTheFirstStepDoesNotBlameTheLearningRate() {
        assertRefusedInOneLine(sparkprop(iris(dir.resolve("m").toString(), "--class-weights", "1e308,1e308,1e308")),
                "the loss at the weights the run starts from is not finite (iteration 1", "no learning rate is the"
                        + " cause; check the weights of the rows (--class-weights, --weight)");
    }
}
