package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HandleInvalid;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.optim.Evaluation;
import io.github.sparkprop.internal.optim.GradientDescent;
import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributedTrainingTest {

    private static final Network NETWORK =
            Network.of(6, new int[] {5}, Activation.TANH, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);

    private static LoadedData load(String path, int partitions) {
        return DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path)).format(InputFormat.CSV)
                .handleInvalid(HandleInvalid.ERROR).partitions(partitions).build());
    }

    /**
     * A network of 308,203 parameters: its sums, 2.5 MB each, are moved one per partition on 1 and 3
     * partitions and merged per executor on 8 (at least {@code ExecutorAggregator.MERGE_BYTES} in all); the
     * trained weights agree.
     */
    @Test
    void sumsMergedPerExecutorTrainAsSumsPerTask(@TempDir Path dir) {
        Network large = Network.of(6, new int[] {1000, 300}, Activation.TANH, 3, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        assertEquals(308_203, large.parameterCount());
        trainsAlikeOnOneThreeAndEightPartitions(Csv.blobs(dir, "blobs.csv", 300, 6, 2), large,
                WeightInit.initialize(large, 5), 0, 0.05, 4, 1e-3);
    }

    @Test
    void oneToEightPartitionsGiveTheSameModel(@TempDir Path dir) {
        trainsAlikeOnOneThreeAndEightPartitions(Csv.blobs(dir, "blobs.csv", 700, 6, 1), NETWORK,
                WeightInit.initialize(NETWORK, 7), 2, 0.3, 30, 0.1);
    }

    /**
     * Gradient descent from the same weights on the data in 1, 3 and 8 partitions ends with the same weights
     * (1e-9 relative), having moved them by more than {@code moved}.
     */
    private static void trainsAlikeOnOneThreeAndEightPartitions(String path, Network network, double[] initial,
            int treeDepth, double step, int iterations, double moved) {
        double[] reference = null;
        for (int partitions : new int[] {1, 3, 8}) {
            LoadedData data = load(path, partitions);
            try {
                assertEquals(partitions, data.blocks().getNumPartitions());
                DistributedObjective objective = new DistributedObjective(SharedSpark.context(), data.blocks(),
                        network, new L2Penalty(0.01), treeDepth);
                double[] w = new Trainer(objective, new GradientDescent(Schedule.constant(step)),
                        Trainer.Settings.iterations(iterations), null).run(initial).weights();
                if (reference == null) {
                    reference = w;
                    assertTrue(Weights.relativeDifference(w, initial) > moved, "training moved the weights");
                } else {
                    double difference = Weights.relativeDifference(w, reference);
                    assertTrue(difference < 1e-9, partitions + " partitions: relative difference " + difference);
                }
            } finally {
                data.release();
            }
        }
    }

    /**
     * The distributed cost and gradient equal (1/m) sum over all samples in one block, plus the L2 term
     * computed here by a scalar loop: J = loss/m + (lambda/2) sum W^2, dJ/dW = g/m + lambda W.
     */
    @Test
    void theDistributedGradientIsTheExactBatchAverage(@TempDir Path dir) throws IOException {
        String path = Csv.blobs(dir, "blobs.csv", 333, 6, 2);
        List<String> lines = Files.readAllLines(Path.of(path));
        int m = lines.size() - 1;
        double[] x = new double[6 * m];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            String[] fields = lines.get(j + 1).split(",");
            y[j] = Double.parseDouble(fields[0]);
            for (int i = 0; i < 6; i++) {
                x[j * 6 + i] = Double.parseDouble(fields[i + 1]);
            }
        }
        double lambda = 0.05;
        double[] w = WeightInit.initialize(NETWORK, 3);
        double[] expected = new double[NETWORK.parameterCount()];
        double loss = new Backprop(NETWORK).addGradient(w, x, y, m, expected);
        double penalty = 0;
        for (int l = 1; l <= NETWORK.depth(); l++) {
            for (int i = NETWORK.weightOffset(l); i < NETWORK.biasOffset(l); i++) {
                penalty += 0.5 * lambda * w[i] * w[i];
            }
        }
        for (int i = 0; i < expected.length; i++) {
            expected[i] /= m;
        }
        for (int l = 1; l <= NETWORK.depth(); l++) {
            for (int i = NETWORK.weightOffset(l); i < NETWORK.biasOffset(l); i++) {
                expected[i] += lambda * w[i];
            }
        }

        LoadedData data = load(path, 3);
        try {
            Evaluation evaluation = new DistributedObjective(SharedSpark.context(), data.blocks(), NETWORK,
                    new L2Penalty(lambda), 2).evaluate(w, 1);
            assertEquals(m, evaluation.samples());
            assertEquals(loss / m + penalty, evaluation.cost(), 1e-12);
            assertEquals(loss / m, evaluation.dataLoss(), 1e-12);
            assertTrue(Weights.relativeDifference(evaluation.gradient(), expected) < 1e-12);
        } finally {
            data.release();
        }
    }
}
