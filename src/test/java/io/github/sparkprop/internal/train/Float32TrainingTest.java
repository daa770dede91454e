package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.optim.Evaluation;
import io.github.sparkprop.internal.optim.Lbfgs;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.Weights;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training in float32 against float64 on the same data: the distributed gradient of a pass (full batch and
 * mini-batch, blocks staged, sums merged per executor or per task) agrees to float32's rounding (the tolerance
 * of {@code math.Float32Test}: 1e-4 relative), the float32 blocks take half the bytes, and L-BFGS in float32
 * reaches the float64 optimum.
 */
class Float32TrainingTest {

    private static final Network NETWORK =
            Network.of(6, new int[] {16}, Activation.TANH, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);

    private static LoadedData load(String path, int partitions, Precision precision) {
        return DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path)).format(InputFormat.CSV)
                .standardize(true).partitions(partitions).precision(precision).build());
    }

    @Test
    void aPassGivesTheFloat64GradientToFloat32Rounding(@TempDir Path dir) {
        String path = Csv.blobs(dir, "blobs.csv", 900, 6, 3);
        double[] w = WeightInit.initialize(NETWORK, 4);
        LoadedData float64 = load(path, 3, Precision.FLOAT64);
        LoadedData float32 = load(path, 3, Precision.FLOAT32);
        try {
            double ratio = float32.cachedBytes() / (double) float64.cachedBytes();
            assertTrue(ratio > 0.55 && ratio < 0.7, "features in 4 bytes, labels and ids in 8: " + ratio);
            for (MiniBatch batch : new MiniBatch[] {MiniBatch.FULL, new MiniBatch(3, 0.3)}) {
                Evaluation expected = new DistributedObjective(SharedSpark.context(), float64.blocks(), NETWORK,
                        new L2Penalty(0.01), 0, batch, DistributedObjective.Validation.NONE).evaluate(w, 2);
                Evaluation actual = new DistributedObjective(new OwnPasses(SharedSpark.context(), float32.blocks(), 0,
                        Precision.FLOAT32), NETWORK, new L2Penalty(0.01), batch, DistributedObjective.Validation.NONE)
                        .evaluate(w, 2);
                Evaluation broadcastInFloat64 = new DistributedObjective(SharedSpark.context(), float32.blocks(),
                        NETWORK, new L2Penalty(0.01), 0, batch, DistributedObjective.Validation.NONE).evaluate(w, 2);
                assertTrue(Weights.relativeDifference(actual.gradient(), broadcastInFloat64.gradient()) < 1e-12,
                        "float32 weights broadcast are float64 weights narrowed where the tasks would narrow them");
                assertEquals(expected.samples(), actual.samples(), "the same batch");
                double difference = Weights.relativeDifference(actual.gradient(), expected.gradient());
                assertTrue(difference < 1e-4, "batch " + batch.fraction() + ": relative difference " + difference);
                assertTrue(difference > 0, "float32 did compute in float32");
                assertEquals(expected.cost(), actual.cost(), 1e-5 * expected.cost());
            }
        } finally {
            float64.release();
            float32.release();
        }
    }

    @Test
    void lbfgsInFloat32ReachesTheFloat64Optimum(@TempDir Path dir) {
        String path = Csv.blobs(dir, "blobs.csv", 600, 6, 5);
        Network logistic = Network.of(6, new int[0], Activation.RELU, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        double[] initial = new double[logistic.parameterCount()];
        double[][] optimum = new double[2][];
        double[] cost = new double[2];
        Precision[] precisions = {Precision.FLOAT64, Precision.FLOAT32};
        for (int k = 0; k < 2; k++) {
            LoadedData data = load(path, 2, precisions[k]);
            try {
                DistributedObjective objective = new DistributedObjective(new OwnPasses(SharedSpark.context(),
                        data.blocks(), 0, precisions[k]), logistic, new L2Penalty(0.05), MiniBatch.FULL,
                        DistributedObjective.Validation.NONE);
                TrainingRun run = new Trainer(objective, new Lbfgs(10), new Trainer.Settings(200, 1e-12, 0, 1, 0),
                        null).run(initial);
                optimum[k] = run.weights();
                cost[k] = objective.evaluate(run.weights(), 1).cost();
            } finally {
                data.release();
            }
        }
        // a strongly convex cost: within float32's rounding of the cost, the weights are close to the optimum
        assertEquals(cost[0], cost[1], 1e-6 * cost[0], "the float32 run's cost at its weights");
        double difference = Weights.relativeDifference(optimum[1], optimum[0]);
        assertTrue(difference < 1e-3, "weights: relative difference " + difference);
    }
}
