package io.github.sparkprop.internal.cli;

import static io.github.sparkprop.internal.cli.CliTest.assertRefusedInOneLine;
import static io.github.sparkprop.internal.cli.CliTest.sparkprop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkprop.testing.FullDiskFileSystem;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every writer on a full disk ({@link FullDiskFileSystem}: the local file system with every file on
 * {@code /dev/full}, so that writes fail with the real "No space left on device"): the model, a model replaced
 * with --overwrite, checkpoints, the ONNX export and predictions each end in one line naming the output and the
 * disk's error, exit 2, and leave nothing behind; a model that was there stays whole.
 */
class FullDiskTest {

    private static final String NO_SPACE = "No space left on device";

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void trainAModel() {
        SharedSpark.session();
        model = dir.resolve("model");
        assertEquals(0, sparkprop(irisRun(model.toString())).code());
    }

    private static String[] irisRun(String output, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--input", "data/iris.csv", "--label",
                "species", "--hidden", "3", "--optimizer", "adam", "--iterations", "3", "--output", output));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aModelOnAFullDiskIsNotWritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("model-on-full"));
        String target = FullDiskFileSystem.of(out.resolve("m"));
        assertRefusedInOneLine(sparkprop(irisRun(target)), "cannot write model " + target, NO_SPACE);
        assertEquals(List.of(), entries(out), "nothing left behind");
    }

    @Test
    void aModelReplacedOnAFullDiskStaysWhole() throws IOException {
        Path copy = dir.resolve("replaced");
        org.apache.commons.io.FileUtils.copyDirectory(model.toFile(), copy.toFile());
        byte[] json = Files.readAllBytes(copy.resolve("model.json"));
        byte[] weights = Files.readAllBytes(copy.resolve("weights.safetensors"));
        String target = FullDiskFileSystem.of(copy);
        assertRefusedInOneLine(sparkprop(irisRun(target, "--overwrite")), "cannot write model " + target, NO_SPACE);
        assertArrayEquals(json, Files.readAllBytes(copy.resolve("model.json")));
        assertArrayEquals(weights, Files.readAllBytes(copy.resolve("weights.safetensors")));
        assertEquals(List.of("replaced"), entries(dir).stream().filter(name -> name.contains("replaced")).toList(),
                "no temporary directory beside it");
    }

    @Test
    void checkpointsOnAFullDiskStopTheRun() throws IOException {
        Path out = Files.createDirectories(dir.resolve("checkpoints-on-full"));
        String checkpoints = FullDiskFileSystem.of(out.resolve("checkpoints"));
        // the run's lock on the directory is its first write: refused before any training
        assertRefusedInOneLine(sparkprop(irisRun(out.resolve("m").toString(), "--checkpoint-dir", checkpoints,
                "--checkpoint-every", "1")), "cannot lock --checkpoint-dir full:" + out.resolve("checkpoints"),
                NO_SPACE);
        assertEquals(List.of("checkpoints"), entries(out), "no model written");
        assertEquals(List.of(), entries(out.resolve("checkpoints")), "no checkpoint or lock left half-written");
    }

    @Test
    void anOnnxExportOnAFullDiskLeavesNoTemporaryFile() throws IOException {
        Path out = Files.createDirectories(dir.resolve("onnx-on-full"));
        String target = FullDiskFileSystem.of(out.resolve("m.onnx"));
        assertRefusedInOneLine(sparkprop("export", "--model", model.toString(), "--format", "onnx", "--output",
                target), "cannot write output " + target, NO_SPACE);
        assertEquals(List.of(), entries(out), "no hidden temporary file left");
    }

    @Test
    void predictionsOnAFullDiskLeaveNoOutput() throws IOException {
        Path out = Files.createDirectories(dir.resolve("predictions-on-full"));
        String target = FullDiskFileSystem.of(out.resolve("p"));
        assertRefusedInOneLine(sparkprop("predict", "--model", model.toString(), "--input", "data/iris.csv",
                "--output", target), "cannot write the predictions to " + target, NO_SPACE);
        assertEquals(List.of(), entries(out), "no output directory left");
    }
}
