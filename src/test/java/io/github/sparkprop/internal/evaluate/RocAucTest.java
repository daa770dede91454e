package io.github.sparkprop.internal.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed AUC equals the Mann-Whitney count over every (positive, negative) pair, computed here
 * directly: a pair scores 1 when the positive scores higher, 1/2 on a tie. Some rows come twice, once with
 * each label, so that positives and negatives tie.
 */
class RocAucTest {

    @Test
    void equalsThePairwiseCount(@TempDir Path dir) throws IOException {
        Random random = new Random(9);
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 300; i++) {
            int label = random.nextInt(2);
            String features = (label + random.nextGaussian()) + "," + random.nextGaussian();
            csv.append(features).append(',').append(label).append('\n');
            if (i % 5 == 0) {
                csv.append(features).append(',').append(1 - label).append('\n');
            }
        }
        Path file = dir.resolve("binary.csv");
        Files.writeString(file, csv);
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.csv(List.of(file.toString()), "label",
                Task.CLASSIFICATION, false, 3, HoldOut.NONE));
        try {
            Network network = Network.of(2, new int[] {3}, Activation.TANH, 1, Activation.SIGMOID, Loss.CROSS_ENTROPY);
            double[] w = WeightInit.initialize(network, 4);
            List<Double> positives = new ArrayList<>();
            List<Double> negatives = new ArrayList<>();
            for (SampleBlock block : data.blocks().collect()) {
                double[] p = new Backprop(network).predict(w, block.features(), block.size());
                for (int j = 0; j < block.size(); j++) {
                    (block.labels()[j] == 1 ? positives : negatives).add(p[j]);
                }
            }
            double wins = 0;
            for (double pos : positives) {
                for (double neg : negatives) {
                    wins += pos > neg ? 1 : pos == neg ? 0.5 : 0;
                }
            }
            double expected = wins / ((double) positives.size() * negatives.size());
            double ties = 0;
            for (double pos : positives) {
                for (double neg : negatives) {
                    ties += pos == neg ? 1 : 0;
                }
            }
            assertTrue(ties > 50, "the data make ties: " + ties);
            assertEquals(expected, RocAuc.of(SharedSpark.context(), data.blocks(), network, w), 1e-12);
        } finally {
            data.release();
        }
    }
}
