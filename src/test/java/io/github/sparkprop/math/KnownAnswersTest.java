package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.optim.GradientDescent;
import io.github.sparkprop.internal.optim.LocalObjective;
import io.github.sparkprop.internal.optim.Schedule;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnownAnswersTest {

    @Test
    void xorIsLearnedByATwoFourOneNetwork() {
        Network network = Network.of(2, new int[] {4}, Activation.TANH, 1, Activation.SIGMOID, Loss.CROSS_ENTROPY);
        double[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        double[] y = {0, 1, 1, 0};
        double[] w = WeightInit.initialize(network, 1);
        LocalObjective objective = new LocalObjective(network, x, y, 0);
        GradientDescent gd = new GradientDescent(Schedule.constant(0.5));
        for (int t = 1; t <= 3000; t++) {
            gd.iterate(objective, w, t);
        }
        double[] p = new Backprop(network).predict(w, x, 4);
        for (int j = 0; j < 4; j++) {
            assertEquals(y[j], p[j], 0.1, "XOR of sample " + j + ": " + p[j]);
        }
    }

    /**
     * Leaky ReLU, slope 0.01: f(-2) = -0.02, f(0) = 0, f(3) = 3; written from the outputs, f' is 0.01 where
     * a &lt;= 0 and 1 where a &gt; 0. A 1-1 network with w = 2, b = -3 at x = 1 has z = -1, a = -0.01; with squared
     * loss against y = 1, delta = (a - y) f' = -1.01 * 0.01, so dJ/dw = delta x = -0.0101 and dJ/db = -0.0101.
     */
    @Test
    void leakyReluKeepsASlopeBelowZero() {
        double[] z = {-2, 0, 3};
        Activation.LEAKY_RELU.apply(z, 3, 1);
        assertEquals(-0.02, z[0], 1e-15);
        assertEquals(0.0, z[1], 0.0);
        assertEquals(3.0, z[2], 0.0);
        double[] delta = {1, 1, 1};
        Activation.LEAKY_RELU.multiplyByDerivative(null, z, delta, 3);
        assertEquals(0.01, delta[0], 0.0);
        assertEquals(0.01, delta[1], 0.0);
        assertEquals(1.0, delta[2], 0.0);

        Network network = Network.of(1, new int[0], Activation.RELU, 1, Activation.LEAKY_RELU, Loss.SQUARED);
        double[] w = {2, -3};
        double[] gradient = new LocalObjective(network, new double[] {1}, new double[] {1}, 0).evaluate(w, 1)
                .gradient();
        assertEquals(-0.0101, gradient[0], 1e-15);
        assertEquals(-0.0101, gradient[1], 1e-15);
        assertEquals("leaky-relu", Activation.LEAKY_RELU.id());
        assertEquals(Activation.LEAKY_RELU, Activation.fromId("leaky-relu"));
    }

    @Test
    void softmaxColumnsSumToOneEvenForHugeLogits() {
        Random random = new Random(2);
        int units = 5;
        int samples = 40;
        double[] z = new double[units * samples];
        for (int i = 0; i < z.length; i++) {
            z[i] = (random.nextDouble() - 0.5) * 2e4;
        }
        Activation.SOFTMAX.apply(z, units, samples);
        for (int j = 0; j < samples; j++) {
            double sum = 0;
            for (int k = 0; k < units; k++) {
                assertTrue(z[j * units + k] >= 0 && z[j * units + k] <= 1);
                sum += z[j * units + k];
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @Test
    void crossEntropyIsFiniteAndExactForLogitsUpToTenThousand() {
        OutputLayer sigmoid = OutputLayer.of(Activation.SIGMOID, Loss.CROSS_ENTROPY, 1);
        // loss(z, y) = log(1 + e^z) - y z: for z = 1e4, y = 0 it is 1e4; for y = 1 it is log1p(e^-1e4) = 0
        double[] z = {1e4, 1e4, -1e4, -1e4, 0.0};
        double[] y = {0, 1, 1, 0, 1};
        double[] expected = {1e4, 0, 1e4, 0, Math.log(2)};
        for (int j = 0; j < z.length; j++) {
            double[] delta = new double[1];
            double loss = sigmoid.lossAndDelta(new double[] {z[j]}, new double[] {y[j]}, null, 1, 1, delta);
            assertEquals(expected[j], loss, 1e-9, "z = " + z[j] + ", y = " + y[j]);
            assertTrue(Double.isFinite(delta[0]) && Math.abs(delta[0]) <= 1.0);
        }

        OutputLayer softmax = OutputLayer.of(Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3);
        // loss = log sum_k e^{z_k} - z_y; with z = (1e4, -1e4, 0): for y = 1 it is 1e4 + 1e4 = 2e4
        double[] zs = {1e4, -1e4, 0.0};
        double[] delta = new double[3];
        double loss = softmax.lossAndDelta(zs.clone(), new double[] {1}, null, 3, 1, delta);
        assertEquals(2e4, loss, 1e-9);
        assertEquals(1.0, delta[0], 1e-12);
        assertEquals(-1.0, delta[1], 1e-12);
        assertEquals(0.0, delta[2], 1e-12);
    }

    @Test
    void invalidPairingsAreRefusedNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputLayer.of(Activation.SOFTMAX, Loss.SQUARED, 3));
        assertTrue(e.getMessage().contains("k >= 2 softmax units with cross-entropy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputLayer.of(Activation.SIGMOID, Loss.CROSS_ENTROPY, 3));
        assertThrows(IllegalArgumentException.class, () -> OutputLayer.of(Activation.SOFTMAX, Loss.CROSS_ENTROPY, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Network.of(3, new int[] {4}, Activation.SOFTMAX, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
    }

    @Test
    void initialisationIsSeededAndScaledByFanIn() {
        Network network = Network.of(100, new int[] {50}, Activation.RELU, 10, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        double[] w1 = WeightInit.initialize(network, 42);
        double[] w2 = WeightInit.initialize(network, 42);
        assertTrue(java.util.Arrays.equals(w1, w2));
        double heLimit = Math.sqrt(6.0 / 100);
        double glorotLimit = Math.sqrt(6.0 / (50 + 10));
        double maxHidden = 0;
        for (int i = network.weightOffset(1); i < network.biasOffset(1); i++) {
            maxHidden = Math.max(maxHidden, Math.abs(w1[i]));
        }
        double maxOutput = 0;
        for (int i = network.weightOffset(2); i < network.biasOffset(2); i++) {
            maxOutput = Math.max(maxOutput, Math.abs(w1[i]));
        }
        assertTrue(maxHidden <= heLimit && maxHidden > 0.9 * heLimit, "He uniform limit " + heLimit + ": " + maxHidden);
        assertTrue(maxOutput <= glorotLimit && maxOutput > 0.9 * glorotLimit, "Glorot limit: " + maxOutput);
        for (int l = 1; l <= 2; l++) {
            for (int i = network.biasOffset(l); i < network.biasOffset(l) + network.size(l); i++) {
                assertEquals(0.0, w1[i]);
            }
        }
    }
}
