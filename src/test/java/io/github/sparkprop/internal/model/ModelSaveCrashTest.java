package io.github.sparkprop.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of saving a model, {@value #ROUNDS} times at random moments (each a JVM of
 * its own, about two seconds): the output is a complete model or absent, never half a model, and saving again
 * with overwrite succeeds every time, leaving no temporary directory behind.
 */
class ModelSaveCrashTest {

    private static final Configuration CONF = new Configuration();
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    void aSaveKilledAtAnyMomentLeavesAWholeModelOrNone() throws Exception {
        Path out = dir.resolve("model");
        Model model = SaveRepeatedly.model();
        Random random = new Random(17);
        int absent = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process saver = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(), "-cp",
                    System.getProperty("java.class.path"), SaveRepeatedly.class.getName(), out.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(saver.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertEquals("saved", lines.readLine(), "the first save of round " + round);
                Thread.sleep(random.nextInt(60));
                saver.destroyForcibly(); // SIGKILL
            }
            assertTrue(saver.waitFor(30, TimeUnit.SECONDS));

            if (Files.exists(out)) {
                assertArrayEquals(model.weights(), ModelStore.load(out.toString(), CONF).weights(), 0.0,
                        "round " + round + ": what is there is the whole model");
            } else {
                absent++;
            }
            ModelStore.save(model, out.toString(), true, Map.of(ModelStore.HISTORY, new byte[10]), CONF);
            assertArrayEquals(model.weights(), ModelStore.load(out.toString(), CONF).weights(), 0.0);
            try (var siblings = Files.list(dir)) {
                List<String> names = siblings.map(p -> p.getFileName().toString()).toList();
                assertEquals(List.of("model"), names, "round " + round + ": no temporary directory is left");
            }
        }
        System.out.println("saves killed " + ROUNDS + " times, the output absent after " + absent + " of them");
    }

    /**
     * What a crashed copy leaves where rename is a copy (a model's files without model.json) is replaced by
     * overwriting; a directory with other files is not.
     */
    @Test
    void aLeftoverOfAModelIsReplacedByOverwritingButOtherDataIsNot() throws IOException {
        Path leftover = dir.resolve("leftover");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve(ModelStore.WEIGHTS), new byte[100]);
        Files.write(leftover.resolve(ModelStore.HISTORY), new byte[10]);
        Model model = SaveRepeatedly.model();
        ModelStore.save(model, leftover.toString(), true, Map.of(), CONF);
        assertArrayEquals(model.weights(), ModelStore.load(leftover.toString(), CONF).weights(), 0.0);

        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.write(other.resolve(ModelStore.WEIGHTS), new byte[100]);
        Files.write(other.resolve("notes.txt"), new byte[10]);
        io.github.sparkprop.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.github.sparkprop.InputException.class,
                () -> ModelStore.save(model, other.toString(), true, Map.of(), CONF));
        assertTrue(e.getMessage().contains("is not a sparkprop model"), e.getMessage());
        assertTrue(Files.exists(other.resolve("notes.txt")));
    }
}
