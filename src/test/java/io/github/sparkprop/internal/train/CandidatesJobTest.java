package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candidates trained together equal their separate runs: every optimizer (gd, momentum with Nesterov's form,
 * adam on mini-batches, adamw, L-BFGS and its line search), other networks and seeds, early stopping on a
 * validation fraction, a float32 candidate on a cache of its own; a candidate whose loss diverges is reported
 * and the others finish. The candidates take fewer Spark jobs together than their runs apart.
 */
class CandidatesJobTest {

    @TempDir
    static Path dir;
    private static String input;

    @BeforeAll
    static void threeClasses() throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < 360; i++) {
            int label = i % 3;
            csv.append(label + random.nextGaussian()).append(',').append(random.nextGaussian() - label).append(',')
                    .append(random.nextGaussian() * (1 + label)).append(',').append(random.nextDouble())
                    .append(',').append("abc".charAt(label)).append('\n');
        }
        input = dir.resolve("three.csv").toString();
        Files.writeString(Path.of(input), csv);
    }

    private static TrainingSpec spec(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>(Map.of("input", List.of(input), "partitions", 2,
                "iterations", 8));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return TrainingSpec.ofFiles(SettingValues.of(values), TrainingSpec.Checkpoints.Mode.NEW);
    }

    @Test
    void everyCandidateEqualsItsSeparateRun() {
        List<TrainingSpec> specs = List.of(
                spec("optimizer", "gd", "learningRate", 0.3),
                spec("optimizer", "momentum", "nesterov", true, "hidden", new int[] {6}),
                spec("optimizer", "adam", "batchFraction", 0.5, "hidden", new int[] {5}, "activation", "tanh",
                        "seed", 7L),
                spec("optimizer", "adamw", "learningRate", 0.01, "hidden", new int[] {4, 3}),
                spec("optimizer", "lbfgs", "hidden", new int[] {5}, "iterations", 12),
                spec("optimizer", "adam", "validationFraction", 0.25, "earlyStopping", 2, "hidden", new int[] {5}),
                spec("optimizer", "gd", "precision", "float32", "hidden", new int[] {4}),
                spec("optimizer", "gd", "learningRate", 1e9, "l2", 0.0, "hidden", new int[] {8}));
        List<CandidatesJob.Outcome> together;
        int rounds;
        try (CandidatesJob job = CandidatesJob.prepare(SharedSpark.session(), specs)) {
            assertEquals(3, job.dataSets(), "float64, float32, and the validation fraction's split");
            together = job.run();
            rounds = job.rounds();
        }
        int separatePasses = 0;
        for (int k = 0; k < specs.size() - 1; k++) {
            CandidatesJob.Outcome outcome = together.get(k);
            assertNull(outcome.failure(), "candidate " + k);
            try (TrainingJob alone = TrainingJob.prepare(SharedSpark.session(), specs.get(k))) {
                TrainingResult expected = alone.run();
                assertClose(expected.model().weights(), outcome.result().model().weights(), "candidate " + k);
                assertEquals(expected.run().stopReason(), outcome.result().run().stopReason(), "candidate " + k);
                assertEquals(expected.run().history().size(), outcome.result().run().history().size());
                separatePasses += expected.run().history().size();
            }
        }
        CandidatesJob.Outcome diverged = together.get(specs.size() - 1);
        assertNull(diverged.result());
        assertNotNull(diverged.failure());
        assertTrue(diverged.failure() instanceof DivergenceException, diverged.failure().toString());
        // the 6 float64 candidates on the full rows share their rounds: fewer jobs than the iterations apart
        assertTrue(rounds < separatePasses * 2 / 3, rounds + " rounds against " + separatePasses + " iterations apart");
    }

    /**
     * Candidates whose sums weigh more than ExecutorAggregator merges per task (1 million weights, 8 MB each: 16 MB
     * for 2 partitions):
     * the tasks' sums are merged per executor first, blocks kept for the merged finish; still each candidate's run.
     */
    @Test
    void candidatesOfLargeSumsAreMergedPerExecutorAsTheirRunsAre() {
        List<TrainingSpec> specs = List.of(
                spec("optimizer", "gd", "hidden", new int[] {2000, 500}, "iterations", 3, "seed", 1L),
                spec("optimizer", "adam", "hidden", new int[] {2000, 500}, "iterations", 3, "seed", 2L));
        List<CandidatesJob.Outcome> together;
        try (CandidatesJob job = CandidatesJob.prepare(SharedSpark.session(), specs)) {
            together = job.run();
        }
        for (int k = 0; k < specs.size(); k++) {
            try (TrainingJob alone = TrainingJob.prepare(SharedSpark.session(), specs.get(k))) {
                assertClose(alone.run().model().weights(), together.get(k).result().model().weights(),
                        "candidate " + k);
            }
        }
    }

    /** Equal to 1e-9 of the largest weight (float64; the float32 candidate computes the same float32 sums). */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * scale, what + ", weight " + i);
        }
    }
}
