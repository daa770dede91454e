package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HandleInvalid;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.optim.Adam;
import io.github.sparkprop.internal.optim.Lbfgs;
import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sparse data (LibSVM) stay sparse through the first layer and train as the same data written densely. */
class SparseTrainingTest {

    @TempDir
    Path dir;

    private static LoadedData load(String path) {
        return DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path))
                .handleInvalid(HandleInvalid.ERROR).partitions(3).build());
    }

    @Test
    void sparseAndDenseCopiesOfTheSameDataTrainAlike() throws IOException {
        Random random = new Random(6);
        StringBuilder libsvm = new StringBuilder();
        StringBuilder csv = new StringBuilder("label");
        int n0 = 12;
        for (int i = 0; i < n0; i++) {
            csv.append(",f").append(i);
        }
        csv.append('\n');
        for (int r = 0; r < 300; r++) {
            int label = random.nextInt(3);
            double[] x = new double[n0];
            libsvm.append(label);
            for (int i = 0; i < n0; i++) {
                if (random.nextDouble() < 0.3) {
                    x[i] = label - 1 + random.nextGaussian();
                    libsvm.append(' ').append(i + 1).append(':').append(x[i]);
                }
            }
            libsvm.append('\n');
            csv.append(label);
            for (double v : x) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        // every feature is used at least once, so the LibSVM reader finds all 12
        libsvm.append("0");
        csv.append("0");
        for (int i = 0; i < n0; i++) {
            libsvm.append(' ').append(i + 1).append(":1");
            csv.append(",1");
        }
        libsvm.append('\n');
        csv.append('\n');
        Path sparseFile = dir.resolve("data.libsvm");
        Path denseFile = dir.resolve("data.csv");
        Files.writeString(sparseFile, libsvm);
        Files.writeString(denseFile, csv);

        Network network = Network.of(n0, new int[] {5}, Activation.TANH, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        double[] initial = WeightInit.initialize(network, 8);
        LoadedData sparse = load(sparseFile.toString());
        LoadedData dense = load(denseFile.toString());
        try {
            assertTrue(sparse.features().sparse() && !dense.features().sparse());
            assertTrue(sparse.cachedBytes() < 0.7 * dense.cachedBytes(), "only the non-zeros are kept");
            for (MiniBatch batch : new MiniBatch[] {MiniBatch.FULL, new MiniBatch(3, 0.5)}) {
                double[][] weights = new double[2][];
                LoadedData[] both = {sparse, dense};
                for (int k = 0; k < 2; k++) {
                    weights[k] = new Trainer(new DistributedObjective(SharedSpark.context(), both[k].blocks(), network,
                            new L2Penalty(1e-3), 2, batch, DistributedObjective.Validation.NONE),
                            new Adam(Schedule.constant(0.05), 0.9, 0.999, 1e-8), Trainer.Settings.iterations(15), null)
                            .run(initial).weights();
                }
                double difference = Weights.relativeDifference(weights[0], weights[1]);
                assertTrue(difference < 1e-9, "batch " + batch.fraction() + ": " + difference);
            }
        } finally {
            sparse.release();
            dense.release();
        }
    }

    /** 200,000 features, 10 non-zeros a row: cached as non-zeros (dense would be 32 GB), and it trains. */
    @Test
    void aWideSparseLogisticRegressionDoesNotDensify() throws IOException {
        Random random = new Random(2);
        int n0 = 200_000;
        int rows = 20_000;
        StringBuilder libsvm = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            int label = random.nextInt(2);
            libsvm.append(label);
            int index = 0;
            for (int k = 0; k < 10; k++) {
                index += 1 + random.nextInt(n0 / 10 - 1);
                libsvm.append(' ').append(index).append(':').append(label == (index % 2) ? 1.0 : -0.5);
            }
            libsvm.append('\n');
        }
        libsvm.append("1 ").append(n0).append(":1\n");
        Path file = dir.resolve("wide.libsvm");
        Files.writeString(file, libsvm);
        LoadedData data = load(file.toString());
        try {
            assertEquals(n0, data.features().count());
            long nonZeros = 10L * rows + 1;
            assertTrue(data.cachedBytes() < 40 * nonZeros, "cached " + data.cachedBytes() + " bytes for " + nonZeros
                    + " non-zeros");
            Network logistic = Network.of(n0, new int[0], Activation.RELU, 1, Activation.SIGMOID, Loss.CROSS_ENTROPY);
            TrainingRun run = new Trainer(new DistributedObjective(SharedSpark.context(), data.blocks(), logistic,
                    new L2Penalty(1e-4), 2), new Lbfgs(5), Trainer.Settings.iterations(5), null)
                    .run(new double[n0 + 1]);
            assertTrue(run.history().get(4).cost() < 0.9 * run.history().get(0).cost(), run.history().toString());
        } finally {
            data.release();
        }
    }
}
