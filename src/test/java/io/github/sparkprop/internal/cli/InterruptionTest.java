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
 * checkpoint continues to the weights of an uninterrupted run (1e-9). A {@code tune} search signalled ends alike.
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

    /** What a signalled process printed, and its exit code. */
    private record Signalled(int code, List<String> lines) {
        String all() {
            return String.join("\n", lines);
        }
    }

    /** Runs {@code sparkprop ARGS} in a JVM of its own and sends it SIGTERM once it prints a line that {@code when}. */
    private static Signalled signalled(List<String> args, java.util.function.Predicate<String> when) throws Exception {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "@conf/jvm.options", "-cp", System.getProperty("java.class.path"), "io.github.sparkprop.app.Main"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (when.test(line)) {
                    process.toHandle().destroy(); // SIGTERM (Process.destroy would also close its output)
                }
            }
        } finally {
            process.destroyForcibly();
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Signalled(process.exitValue(), lines);
    }

    @Test
    void aSignalledRunSaysWhereItStoppedAndResumesToTheSameWeights() throws Exception {
        String checkpoints = dir.resolve("checkpoints").toString();
        Path interrupted = dir.resolve("interrupted");
        Signalled train = signalled(run(interrupted.toString(), "--master", "local[2]", "--checkpoint-dir",
                checkpoints, "--checkpoint-every", "10", "--log-every", "1"), line -> line.contains("iteration 30/80"));
        List<String> lines = train.lines();
        String all = train.all();
        assertEquals(143, train.code(), all);
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
        Signalled tune = signalled(List.of("tune", "--input", "data/iris.csv", "--label", "species", "--optimizer",
                "adam", "--iterations", "200", "--grid", "hidden=3,4", "--log-every", "1", "--master", "local[2]",
                "--output", output.toString()), line -> line.contains("[2/2]") && line.contains("iteration 20/200"));
        assertEquals(143, tune.code(), tune.all());
        assertTrue(tune.lines().stream().anyMatch(line -> line.startsWith("tune: interrupted")), tune.all());
        assertFalse(Files.exists(output), "nothing written");
    }
}
