package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HandleInvalid;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.optim.Evaluation;
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

/**
 * Instance weights make the objective a weighted average: a row of weight 2 counts as two rows. So the
 * cost and gradient on weighted rows equal those on the same rows written out as often as their (integer)
 * weight, and a row of weight 0 counts for nothing.
 */
class WeightedDataTest {

    @Test
    void aWeightIsARepetition(@TempDir Path dir) throws IOException {
        Random random = new Random(4);
        StringBuilder weighted = new StringBuilder("a,b,w,label\n");
        StringBuilder repeated = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            int label = random.nextInt(3);
            int weight = random.nextInt(4);
            weighted.append(a).append(',').append(b).append(',').append(weight).append(',').append(label).append('\n');
            for (int k = 0; k < weight; k++) {
                repeated.append(a).append(',').append(b).append(',').append(label).append('\n');
            }
        }
        Path w = dir.resolve("weighted.csv");
        Path r = dir.resolve("repeated.csv");
        Files.writeString(w, weighted);
        Files.writeString(r, repeated);
        Network network = Network.of(2, new int[] {4}, Activation.TANH, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        double[] initial = WeightInit.initialize(network, 1);

        LoadedData weightedData = DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(w.toString()))
                .format(InputFormat.CSV).features(List.of("a", "b")).weight("w").handleInvalid(HandleInvalid.ERROR)
                .partitions(3).build());
        LoadedData repeatedData = DataLoader.load(SharedSpark.session(), DataSpec.csv(List.of(r.toString()), "label",
                Task.CLASSIFICATION, false, 2, HoldOut.NONE));
        try {
            Evaluation fromWeights = new DistributedObjective(SharedSpark.context(), weightedData.blocks(), network,
                    new L2Penalty(0.01), 2).evaluate(initial, 1);
            Evaluation fromRepeats = new DistributedObjective(SharedSpark.context(), repeatedData.blocks(), network,
                    new L2Penalty(0.01), 2).evaluate(initial, 1);
            assertEquals(fromRepeats.cost(), fromWeights.cost(), 1e-12);
            assertTrue(Weights.relativeDifference(fromWeights.gradient(), fromRepeats.gradient())
                    < 1e-12);
            assertEquals(60, fromWeights.samples());
        } finally {
            weightedData.release();
            repeatedData.release();
        }
    }
}
