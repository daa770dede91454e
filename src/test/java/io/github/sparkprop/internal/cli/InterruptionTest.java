package io.github.sparkprop.internal.cli;

import static io.github.sparkprop.internal.cli.CliTest.sparkprop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.Weights;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, a real signal to a real {@code sparkprop train} process, in the middle of training: one line that
 * names the iteration reached and the checkpoint to resume from, exit 143, no model; and --resume from that
 * checkpoint continues to the weights of an uninterrupted run (1e-9).
 */
class InterruptionTest {

    private static final Pattern INTERRUPTED = Pattern.compile(
            "train: interrupted at iteration (\\d+); the last checkpoint is iteration (\\d+) \\(resume with --resume\\)");

    @TempDir
    Path dir;

    private List<String> run(String output, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--input", "data/iris.csv", "--label", "species",
                "--hidden", "4", "--optimizer", "adam", "--learning-rate", "0.02", "--iterations", "80", "--seed", "3",
                "--partitions", "2", "--output", output));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aSignalledRunSaysWhereItStoppedAndResumesToTheSameWeights() throws Exception {
        String checkpoints = dir.resolve("checkpoints").toString();
        Path interrupted = dir.resolve("interrupted");
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "@conf/jvm.options", "-cp", System.getProperty("java.class.path"), "io.github.sparkprop.app.Main"));
        command.addAll(run(interrupted.toString(), "--master", "local[2]", "--checkpoint-dir", checkpoints,
                "--checkpoint-every", "10", "--log-every", "1"));
        Process train = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(train.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (line.contains("iteration 30/80")) {
                    train.toHandle().destroy(); // SIGTERM (Process.destroy would also close its output)
                }
            }
        } finally {
            train.destroyForcibly();
        }
        assertTrue(train.waitFor(60, TimeUnit.SECONDS));
        String all = String.join("\n", lines);
        assertEquals(143, train.exitValue(), all);
        Matcher said = lines.stream().map(INTERRUPTED::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no 'interrupted at iteration' line:\n" + all));
        int reached = Integer.parseInt(said.group(1));
        int checkpoint = Integer.parseInt(said.group(2));
        assertTrue(reached >= 30 && reached < 80, "interrupted at iteration " + reached);
        assertEquals((reached - 1) / 10 * 10, checkpoint, "the newest checkpoint of the iterations completed");
        assertFalse(Files.exists(interrupted), "no model written");

        SharedSpark.session();
        String straight = dir.resolve("straight").toString();
        assertEquals(0, sparkprop(run(straight).toArray(String[]::new)).code());
        assertEquals(0, sparkprop(run(interrupted.toString(), "--checkpoint-dir", checkpoints, "--checkpoint-every",
                "10", "--resume").toArray(String[]::new)).code());
        double[] expected = ModelStore.load(straight, new Configuration()).weights();
        double[] actual = ModelStore.load(interrupted.toString(), new Configuration()).weights();
        double difference = Weights.relativeDifference(actual, expected);
        assertTrue(difference < 1e-9, "relative difference " + difference);
    }

    /** A search signalled while its candidates train ends with the signal's code and writes nothing. */
    @Test
    void aSignalledSearchEndsWithTheSignalsCode() throws Exception {
        Path output = dir.resolve("search");
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "@conf/jvm.options", "-cp", System.getProperty("java.class.path"), "io.github.sparkprop.app.Main",
                "tune", "--input", "data/iris.csv", "--label", "species", "--optimizer", "adam", "--iterations", "200",
                "--grid", "hidden=3,4", "--log-every", "1", "--master", "local[2]", "--output", output.toString()));
        Process tune = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(tune.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("[2/2]") && line.contains("iteration 20/200")) {
                    tune.toHandle().destroy(); // SIGTERM
                }
            }
        } finally {
            tune.destroyForcibly();
        }
        assertTrue(tune.waitFor(60, TimeUnit.SECONDS));
        String all = String.join("\n", lines);
        assertEquals(143, tune.exitValue(), all);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("tune: interrupted")), all);
        assertFalse(Files.exists(output), "nothing written");
    }
}
