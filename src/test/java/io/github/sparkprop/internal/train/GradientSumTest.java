package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.PassWeights;
import io.github.sparkprop.internal.spark.WeightsPass;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.NaiveNetwork;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.Weights;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Small blocks are staged and go through the network together: the sums, however the blocks are split
 * between partial sums, merged and finished, equal the per-sample sums of the scalar reference.
 */
class GradientSumTest {

    /**
     * Blocks of random sizes (some weighted, some not) folded into two partial sums, merged and finished,
     * against the reference's sum_i v_i dloss_i/dw.
     *
     * @param inputs n_0: 6 stages every block in one stage; 2,000 makes stages of 262 samples that fill and
     *               are computed on the way, and blocks of more than 65 rows that are not staged
     */
    private static void stagedSumsEqualTheReference(int inputs, int maxRows) {
        Network network = Network.of(inputs, new int[] {4}, Activation.TANH, 3, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        NaiveNetwork naive = new NaiveNetwork(network.layers(), new String[] {"tanh", "softmax"}, "cross-entropy");
        double[] w = WeightInit.initialize(network, 3);
        Random random = new Random(inputs);
        WeightsPass.BlockFold<GradientSum, SampleBlock> fold = GradientSum.fold(network, 1, MiniBatch.FULL, false, 3);
        GradientSum[] partial = {new GradientSum(), new GradientSum()};
        double[] expected = new double[naive.parameterCount()];
        double expectedLoss = 0;
        double weightSum = 0;
        long count = 0;
        for (int b = 0; b < 30; b++) {
            int rows = 1 + random.nextInt(maxRows);
            double[] x = new double[rows * inputs];
            double[] labels = new double[rows];
            double[] weights = b % 3 == 0 ? null : new double[rows];
            for (int j = 0; j < rows; j++) {
                double[] sample = new double[inputs];
                for (int i = 0; i < inputs; i++) {
                    sample[i] = random.nextGaussian();
                }
                System.arraycopy(sample, 0, x, j * inputs, inputs);
                labels[j] = random.nextInt(3);
                double v = weights == null ? 1 : 0.5 + random.nextDouble();
                if (weights != null) {
                    weights[j] = v;
                }
                double[] g = new double[expected.length];
                naive.addGradient(w, sample, labels[j], g);
                for (int k = 0; k < g.length; k++) {
                    expected[k] += v * g[k];
                }
                expectedLoss += v * naive.loss(w, sample, labels[j]);
                weightSum += v;
            }
            count += rows;
            int k = b % 2;
            partial[k] = fold.add(partial[k], new SampleBlock(x, null, labels, null, weights, HoldOut.Role.TRAINING),
                    PassWeights.float64(w));
        }
        GradientSum sum = fold.finish(partial[0].merge(partial[1]));
        double difference = Weights.relativeDifference(sum.gradient(), expected);
        assertTrue(difference < 1e-12, "gradient: relative difference " + difference);
        assertEquals(expectedLoss, sum.loss(), 1e-12 * Math.abs(expectedLoss));
        assertEquals(weightSum, sum.weightSum(), 1e-12 * weightSum);
        assertEquals(count, sum.count());
    }

    @Test
    void blocksAllStagedInOneStage() {
        stagedSumsEqualTheReference(6, 5);
    }

    @Test
    void stagesThatFillAndBlocksTooLargeToStage() {
        stagedSumsEqualTheReference(2_000, 90);
    }
}
