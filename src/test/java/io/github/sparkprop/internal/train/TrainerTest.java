package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HandleInvalid;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.evaluate.Evaluator;
import io.github.sparkprop.internal.optim.Adam;
import io.github.sparkprop.internal.optim.GradientDescent;
import io.github.sparkprop.internal.optim.Lbfgs;
import io.github.sparkprop.internal.optim.Momentum;
import io.github.sparkprop.internal.optim.Optimizer;
import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.internal.optim.Schedules;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.WeightBroadcasts;
import io.github.sparkprop.testing.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final Network NETWORK =
            Network.of(6, new int[] {5}, Activation.TANH, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
    private static final List<String> LABELS = List.of("0", "1", "2");

    @TempDir
    Path dir;

    private static LoadedData load(String path, int partitions, HoldOut holdOut) {
        return DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path)).format(InputFormat.CSV)
                .handleInvalid(HandleInvalid.ERROR).partitions(partitions).holdOut(holdOut).build());
    }

    private static DistributedObjective objective(LoadedData data, MiniBatch batch, boolean validation) {
        return new DistributedObjective(SharedSpark.context(), data.blocks(), NETWORK, new L2Penalty(1e-3), 2, batch,
                validation ? new DistributedObjective.Validation(1, LABELS) : DistributedObjective.Validation.NONE);
    }

    /** A listener that kills the run (throws) once iteration k and its checkpoint are done. */
    private static TrainingListener killedAfter(int k) {
        return new TrainingListener() {
            @Override
            public void onIterationEnd(IterationEnd end) {
                if (end.iteration() == k) {
                    throw new IllegalStateException("killed");
                }
            }
        };
    }

    private static double relativeDifference(double[] a, double[] b) {
        return Weights.relativeDifference(a, b);
    }

    @Test
    void miniBatchesDoNotDependOnThePartitioning() {
        String path = Csv.blobs(dir, "blobs.csv", 600, 6, 3);
        double[] reference = null;
        for (int partitions : new int[] {1, 4}) {
            LoadedData data = load(path, partitions, HoldOut.NONE);
            try {
                TrainingRun run = new Trainer(objective(data, new MiniBatch(11, 0.25), false),
                        new Adam(Schedule.constant(0.05), 0.9, 0.999, 1e-8), Trainer.Settings.iterations(25), null)
                        .run(WeightInit.initialize(NETWORK, 5));
                long samples = run.history().get(0).samples();
                assertTrue(samples > 100 && samples < 200, "a quarter of 600 rows: " + samples);
                if (reference == null) {
                    reference = run.weights();
                } else {
                    double difference = relativeDifference(run.weights(), reference);
                    assertTrue(difference < 1e-9, "1 vs 4 partitions: " + difference);
                }
            } finally {
                data.release();
            }
        }
    }

    @Test
    void anEmptyMiniBatchTakesNoStep() {
        String path = Csv.blobs(dir, "few.csv", 20, 6, 2);
        // one partition: runs of k and k + 1 iterations then add their samples in one order, so that an
        // iteration without a step leaves the weights equal to the bit
        LoadedData data = load(path, 1, HoldOut.NONE);
        try {
            double[] initial = WeightInit.initialize(NETWORK, 1);
            MiniBatch batch = new MiniBatch(3, 0.05);
            // momentum moves the weights by mu v on a zero gradient once v != 0: a step taken on an empty batch
            // after a non-empty one would change them
            List<double[]> after = new ArrayList<>();
            TrainingRun longest = null;
            for (int k = 1; k <= 12; k++) {
                longest = new Trainer(objective(data, batch, false), new Momentum(Schedule.constant(0.5), 0.9, false),
                        Trainer.Settings.iterations(k), null).run(initial);
                after.add(longest.weights());
            }
            List<IterationRecord> history = longest.history();
            int checked = 0;
            for (int k = 2; k <= 12; k++) {
                boolean moving = history.subList(0, k - 1).stream().anyMatch(r -> r.samples() > 0);
                if (history.get(k - 1).samples() == 0 && moving) {
                    assertArrayEquals(after.get(k - 2), after.get(k - 1), 0.0, "empty batch of iteration " + k);
                    checked++;
                } else if (history.get(k - 1).samples() > 0) {
                    assertTrue(relativeDifference(after.get(k - 1), after.get(k - 2)) > 0, "a step at " + k);
                }
            }
            assertTrue(checked >= 2, "empty batches after a step, with a velocity to carry: " + checked + " in "
                    + history.stream().map(r -> Long.toString(r.samples())).toList());
            assertEquals(13, longest.historyCsv().lines().count());
        } finally {
            data.release();
        }
    }

    /**
     * A run killed after iteration 7 (a listener throws once the checkpoint of iteration 7 is written) and
     * resumed from its checkpoint ends with the weights of the uninterrupted run, for Adam on mini-batches
     * with validation figures, and for L-BFGS.
     */
    @Test
    void aKilledRunResumesToTheSameWeights() {
        String path = Csv.blobs(dir, "blobs.csv", 400, 6, 4);
        LoadedData data = load(path, 3, new HoldOut(9, 0.2));
        try {
            resumeEqualsUninterrupted(data, new MiniBatch(21, 0.5),
                    () -> new Adam(Schedule.constant(0.05), 0.9, 0.999, 1e-8), "adam");
            resumeEqualsUninterrupted(data, MiniBatch.FULL, () -> new Lbfgs(5), "lbfgs");
        } finally {
            data.release();
        }
    }

    /** Checks a run killed after iteration 7 and resumed against an uninterrupted one; returns the checkpoint. */
    private TrainingState resumeEqualsUninterrupted(LoadedData data, MiniBatch batch, Supplier<Optimizer> optimizer,
            String name) {
        Trainer.Settings settings = new Trainer.Settings(12, 0, 0, 1, 0);
        double[] initial = WeightInit.initialize(NETWORK, 2);
        TrainingRun straight = new Trainer(objective(data, batch, true), optimizer.get(), settings, null).run(initial);

        var settingsJson = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("run", name);
        String checkpoints = dir.resolve("checkpoints-" + name).toString();
        CheckpointStore store = new CheckpointStore(checkpoints, SharedSpark.context().hadoopConfiguration(),
                settingsJson);
        Trainer killed = new Trainer(objective(data, batch, true), optimizer.get(), settings, store);
        killed.addListener(killedAfter(7));
        assertThrows(IllegalStateException.class, () -> killed.run(initial));

        TrainingState state = new CheckpointStore(checkpoints, SharedSpark.context().hadoopConfiguration(),
                settingsJson).loadLatest(NETWORK.parameterCount());
        assertNotNull(state);
        assertEquals(7, state.iteration());
        assertEquals(7, state.history().size());
        TrainingRun resumed = new Trainer(objective(data, batch, true), optimizer.get(), settings, store).run(state);

        assertEquals(straight.iterations(), resumed.iterations());
        double difference = relativeDifference(resumed.weights(), straight.weights());
        assertTrue(difference < 1e-9, name + ": resumed vs uninterrupted " + difference);
        assertTrue(resumed.history().get(11).hasValidation());
        assertEquals(straight.history().get(11).validationLoss(), resumed.history().get(11).validationLoss(), 1e-9);
        return state;
    }

    /**
     * A plateau schedule carries what it heard across a resume: a run killed at iteration 7, after the rate
     * dropped, resumes to the weights of the uninterrupted run.
     */
    @Test
    void aPlateauScheduleSurvivesAResume() {
        String path = Csv.blobs(dir, "blobs.csv", 300, 6, 5);
        LoadedData data = load(path, 3, new HoldOut(9, 0.2));
        try {
            Supplier<Optimizer> plateau = () -> new Momentum(Schedules.fromId("plateau").build(
                    new Schedules.Shape(3.0, 0.5, 1, 12)), 0.9, false);
            TrainingState killedAt7 = resumeEqualsUninterrupted(data, MiniBatch.FULL, plateau, "plateau");
            assertTrue(killedAt7.listeners().get("schedule.drops")[0] >= 1, "the rate dropped before iteration 7");
        } finally {
            data.release();
        }
    }

    /**
     * Early stopping and --tolerance carry their state across a resume: a run killed one iteration before it
     * stops (so its misses and previous cost are in the checkpoint) stops at the same iteration with the same
     * weights once resumed.
     */
    @Test
    void stoppingRulesSurviveAResume() {
        String path = Csv.blobs(dir, "small.csv", 150, 6, 6);
        LoadedData data = load(path, 2, new HoldOut(4, 0.4));
        try {
            Network big = Network.of(6, new int[] {64}, Activation.RELU, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            Supplier<DistributedObjective> objective = () -> new DistributedObjective(SharedSpark.context(),
                    data.blocks(), big, new L2Penalty(0), 2, MiniBatch.FULL,
                    new DistributedObjective.Validation(2, LABELS));
            Supplier<Optimizer> adam = () -> new Adam(Schedule.constant(0.05), 0.9, 0.999, 1e-8);
            double[] initial = WeightInit.initialize(big, 3);
            for (Trainer.Settings settings : new Trainer.Settings[] {
                new Trainer.Settings(300, 0, 3, 1, 0), new Trainer.Settings(300, 0.02, 0, 1, 0)}) {
                TrainingRun straight = new Trainer(objective.get(), adam.get(), settings, null).run(initial);
                int stop = straight.iterations();
                assertTrue(stop < 300, "the rule stops the run: " + straight.stopReason());

                String checkpoints = dir.resolve("stop-" + settings.patience()).toString();
                var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
                CheckpointStore store = new CheckpointStore(checkpoints, SharedSpark.context().hadoopConfiguration(),
                        json);
                Trainer killed = new Trainer(objective.get(), adam.get(), settings, store);
                killed.addListener(killedAfter(stop - 1));
                assertThrows(IllegalStateException.class, () -> killed.run(initial));
                TrainingRun resumed = new Trainer(objective.get(), adam.get(), settings, store).run(store.loadLatest(big.parameterCount()));
                assertEquals(stop, resumed.iterations(), resumed.stopReason());
                assertEquals(straight.stopReason(), resumed.stopReason());
                assertTrue(relativeDifference(resumed.weights(), straight.weights()) < 1e-9);

                TrainingRun again = new Trainer(objective.get(), adam.get(), settings, store).run(store.loadLatest(big.parameterCount()));
                assertEquals(stop, again.iterations(), "a stopped run does not train on when resumed");
            }
        } finally {
            data.release();
        }
    }

    /**
     * A damaged newest checkpoint (an iteration no run reaches, a missing field) is passed over for the one before,
     * with a warning; when none can be read (weights of another network), the resume fails naming the newest's
     * problem rather than start again from iteration 1 over the directory's checkpoints.
     */
    @Test
    void aDamagedCheckpointFallsBackToTheOneBefore() throws IOException {
        String path = Csv.blobs(dir, "blobs.csv", 50, 6, 4);
        LoadedData data = load(path, 2, HoldOut.NONE);
        try {
            var settings = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("run", "damaged");
            var conf = SharedSpark.context().hadoopConfiguration();
            for (String damage : new String[] {"iteration", "history", "weights"}) {
                Path checkpoints = dir.resolve("damaged-" + damage);
                new Trainer(objective(data, MiniBatch.FULL, false), new GradientDescent(Schedule.constant(0.1)),
                        new Trainer.Settings(3, 0, 0, 1, 0), new CheckpointStore(checkpoints.toString(), conf,
                                settings)).run(WeightInit.initialize(NETWORK, 1));
                Path newest = checkpoints.resolve("checkpoint-" + String.format("%08d", 3));
                assertTrue(Files.isDirectory(newest), newest + " among " + Files.list(checkpoints).toList());
                Path json = newest.resolve(CheckpointStore.MARKER);
                String text = Files.readString(json);
                switch (damage) {
                    case "iteration" -> Files.writeString(json,
                            text.replaceFirst("\"iteration\"\\s*:\\s*3", "\"iteration\":2147483647"));
                    case "history" -> Files.writeString(json, text.replace("\"history\"", "\"historyGone\""));
                    default -> { } // the checkpoints are whole; the network they are loaded for is another
                }
                assertTrue(damage.equals("weights") || !Files.readString(json).equals(text), "damaged: " + damage);
                int parameters = damage.equals("weights") ? NETWORK.parameterCount() + 1 : NETWORK.parameterCount();
                CheckpointStore store = new CheckpointStore(checkpoints.toString(), conf, settings);
                if (damage.equals("weights")) {
                    // none fits: an error naming the newest's problem, not "no checkpoint" (a run from scratch)
                    String message = assertThrows(InputException.class, () -> store.loadLatest(parameters))
                            .getMessage();
                    assertTrue(message.startsWith("none of the 2 checkpoints in ") && message.contains("holds "
                            + NETWORK.parameterCount() + " weights for a network of " + parameters), message);
                } else {
                    TrainingState state = store.loadLatest(parameters);
                    assertNotNull(state, damage);
                    assertEquals(2, state.iteration(), damage);
                }
            }
        } finally {
            data.release();
        }
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() {
        String path = Csv.blobs(dir, "blobs.csv", 50, 6, 4);
        LoadedData data = load(path, 2, HoldOut.NONE);
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            String checkpoints = dir.resolve("c").toString();
            var conf = SharedSpark.context().hadoopConfiguration();
            new Trainer(objective(data, MiniBatch.FULL, false), new GradientDescent(Schedule.constant(0.1)),
                    new Trainer.Settings(2, 0, 0, 1, 0), new CheckpointStore(checkpoints, conf,
                            json.createObjectNode().put("l2", 0.1))).run(WeightInit.initialize(NETWORK, 1));
            CheckpointStore other = new CheckpointStore(checkpoints, conf, json.createObjectNode().put("l2", 0.2));
            String message = assertThrows(io.github.sparkprop.InputException.class,
                    () -> other.loadLatest(NETWORK.parameterCount())).getMessage();
            assertTrue(message.contains("other settings (l2: checkpoint 0.1, now 0.2)"), message);
            CheckpointStore faster = new CheckpointStore(checkpoints, conf, json.createObjectNode().put("l2", 0.1)
                    .put("learningRate", 0.05));
            assertEquals(2, faster.loadLatest(NETWORK.parameterCount()).iteration(), "the learning rate may change on resume");
        } finally {
            data.release();
        }
    }

    @Test
    void earlyStoppingKeepsTheWeightsOfTheBestValidationLoss() {
        String path = Csv.blobs(dir, "small.csv", 120, 6, 6);
        LoadedData data = load(path, 2, new HoldOut(4, 0.4));
        try {
            Network big = Network.of(6, new int[] {64}, Activation.RELU, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            DistributedObjective objective = new DistributedObjective(SharedSpark.context(), data.blocks(), big,
                    new L2Penalty(0), 2, MiniBatch.FULL, new DistributedObjective.Validation(1, LABELS));
            TrainingRun run = new Trainer(objective, new Adam(Schedule.constant(0.05), 0.9, 0.999, 1e-8),
                    new Trainer.Settings(300, 0, 5, 1, 0), null).run(WeightInit.initialize(big, 3));
            assertTrue(run.stopReason().startsWith("early stopping"), run.stopReason());
            assertTrue(run.iterations() < 300);
            double best = run.history().stream().mapToDouble(IterationRecord::validationLoss).min().orElseThrow();
            double kept = Evaluator.evaluate(SharedSpark.context(), data.blocks().filter(SampleBlock::isValidation),
                    big, run.weights(), LABELS, 2, "validation").loss();
            assertEquals(best, kept, 1e-12, "the returned weights are those of the best validation loss");
            int last = run.iterations() - 1;
            assertTrue(run.history().get(last).validationLoss() > best);
        } finally {
            data.release();
        }
    }

    @Test
    void theValidationAndTestSplitsAreTheSameWhateverThePartitioning() {
        String path = Csv.blobs(dir, "blobs.csv", 500, 6, 7);
        List<Set<Long>> reference = null;
        for (int partitions : new int[] {1, 3}) {
            LoadedData data = load(path, partitions, new HoldOut(5, 0.3, 0.2));
            try {
                Set<Long> validation = new HashSet<>();
                Set<Long> test = new HashSet<>();
                for (SampleBlock block : data.blocks().filter(b -> !b.isTraining()).collect()) {
                    for (long id : block.ids()) {
                        (block.isTest() ? test : validation).add(id);
                    }
                }
                assertEquals(data.heldOut(), validation.size());
                assertEquals(data.tests(), test.size());
                assertTrue(validation.size() > 120 && validation.size() < 180, "about 30 % of 500: " + validation.size());
                assertTrue(test.size() > 70 && test.size() < 130, "about 20 % of 500: " + test.size());
                assertTrue(validation.stream().noneMatch(test::contains), "disjoint");
                assertEquals(500, data.rows() + data.heldOut() + data.tests());
                if (reference == null) {
                    reference = List.of(validation, test);
                } else {
                    assertEquals(reference, List.of(validation, test));
                }
            } finally {
                data.release();
            }
        }
    }

    @Test
    void divergenceStopsWithTheIterationAndKeepsTheLastGoodCheckpoint() throws IOException {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(3 * i).append('\n');
        }
        Path file = dir.resolve("line.csv");
        Files.writeString(file, csv);
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.csv(List.of(file.toString()), "label",
                Task.REGRESSION, false, 2, HoldOut.NONE));
        try {
            Network linear = Network.of(1, new int[0], Activation.RELU, 1, Activation.IDENTITY, Loss.SQUARED);
            String checkpoints = dir.resolve("div").toString();
            CheckpointStore store = new CheckpointStore(checkpoints, SharedSpark.context().hadoopConfiguration(),
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
            Trainer trainer = new Trainer(new DistributedObjective(SharedSpark.context(), data.blocks(), linear,
                    new L2Penalty(0), 2), new GradientDescent(Schedule.constant(1.0)),
                    new Trainer.Settings(1000, 0, 0, 1, 0), store);
            DivergenceException e = assertThrows(DivergenceException.class, () -> trainer.run(new double[2]));
            // the core names the setting to change by its key; each face renders it in its own words
            String rendered = e.render(key -> "<" + key + ">");
            java.util.regex.Matcher at = java.util.regex.Pattern
                    .compile("training diverged at iteration (\\d+): .*smaller <learningRate>.*").matcher(rendered);
            assertTrue(at.matches(), rendered);
            assertEquals("learningRate", e.setting());
            assertEquals(Integer.parseInt(at.group(1)), e.iteration());
            // not finite, or exploded: a million times the first iteration's cost, 3,675 at w = 0
            double first = 0.5 * 9 * IntStream.range(0, 50).mapToDouble(i -> (double) i * i).average().orElseThrow();
            assertTrue(!Double.isFinite(e.cost()) || !Double.isFinite(e.gradientNorm())
                    || e.cost() > Divergence.EXPLOSION * first, e.getMessage());
            assertTrue(rendered.contains("<checkpointDir>: <resume> continues"), rendered);
            TrainingState last = store.loadLatest(linear.parameterCount());
            assertNotNull(last);
            assertTrue(last.iteration() < Integer.parseInt(at.group(1)) - 1, "the diverging weights' checkpoint is gone");
            double cost = new DistributedObjective(SharedSpark.context(), data.blocks(), linear, new L2Penalty(0), 2)
                    .evaluate(last.weights(), 1).cost();
            assertTrue(Double.isFinite(cost), "the kept checkpoint's weights have a finite cost: " + cost);
        } finally {
            data.release();
        }
    }

    /**
     * The weights' broadcast (of a network too large to ride inside the tasks: 60,003 parameters, 480 kB) is
     * destroyed after every pass, in the background: right after each iteration at most the last is left, and
     * none a moment after the run. Left to the garbage collector instead, one would stay per iteration until a
     * collection and Spark's cleaner removed it.
     */
    @Test
    void broadcastsDoNotPileUp() {
        assertEquals("true", SharedSpark.session().conf().get("spark.kryo.registrationRequired"));
        String path = Csv.blobs(dir, "blobs.csv", 200, 6, 8);
        LoadedData data = load(path, 3, HoldOut.NONE);
        Network wide = Network.of(6, new int[] {6000}, Activation.RELU, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        try {
            List<Integer> live = new ArrayList<>();
            int before = WeightBroadcasts.alive();
            new Trainer(new DistributedObjective(SharedSpark.context(), data.blocks(), wide, new L2Penalty(1e-3), 2),
                    new GradientDescent(Schedule.constant(0.1)), Trainer.Settings.iterations(10), null)
                    .addListener(new TrainingListener() {
                        @Override
                        public void onIterationEnd(IterationEnd end) {
                            live.add(WeightBroadcasts.alive() - before);
                        }
                    })
                    .run(WeightInit.initialize(wide, 1));
            assertTrue(live.stream().allMatch(count -> count <= 1), "weight broadcasts alive after each iteration: "
                    + live);
            assertEquals(before, WeightBroadcasts.aliveAfterDestroys(before), "weight broadcasts 10 s after the run");
        } finally {
            data.release();
        }
    }
}
