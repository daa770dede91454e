package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 arithmetic against the float64 one, which the gradient checks and the scalar reference prove.
 *
 * <p>The tolerance: weights and features rounded to float carry a relative error of 2^-24 (6e-8) each; every
 * value of a layer is a sum of n_{l-1} + 1 products, whose rounding in float grows at most as n eps and, with
 * errors of both signs, typically as sqrt(n) eps; the deltas go back through the same sums, the activations'
 * float kernels add a few ulp, and the loss and the output delta are computed in double. For the test
 * networks (n up to 100) that is about 1e-6 relative on the gradient; 1e-4 leaves room for unlucky
 * cancellations and is still four orders of magnitude below what any wrong formula, index or transposition
 * gives (an error of order 1).
 */
class Float32Test {

    static final double GRADIENT_TOLERANCE = 1e-4;

    static Stream<Arguments> networks() {
        return Cases.networks().stream();
    }

    private static float[] narrow(double[] values) {
        float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrowed[i] = (float) values[i];
        }
        return narrowed;
    }

    /** ||a - b|| / ||b||, or ||a - b|| when b is 0 (a relu output unit dead on every sample). */
    private static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    /** The float64 gradient at the float-rounded weights and features (what float32 is given). */
    private static double[] gradient64(Network network, double[] w, double[] x, double[] y, double[] v, int m,
            double[] loss) {
        double[] gradient = new double[network.parameterCount()];
        loss[0] = new Backprop(network).addGradient(w, x, y, v, m, gradient);
        return gradient;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theFloat32GradientIsTheFloat64OneToItsRounding(Network network) {
        Random random = new Random(network.hashCode());
        int m = 37;
        double[] w = WeightInit.initialize(network, 11);
        double[] x = Cases.features(network.inputSize(), m, random);
        double[] y = Cases.labels(network, m, random);
        double[] v = new double[m];
        for (int j = 0; j < m; j++) {
            v[j] = 0.5 + random.nextDouble();
        }
        float[] w32 = narrow(w);
        float[] x32 = narrow(x);
        double[] loss64 = new double[1];
        double[] expected = gradient64(network, toDouble(w32), toDouble(x32), y, v, m, loss64);
        double[] gradient = new double[network.parameterCount()];
        gradient[0] = 1.5; // the float32 path adds into the sum it is given
        double loss = new Backprop(network, Precision.FLOAT32).addGradient(w32, x32, y, v, m, gradient);
        gradient[0] -= 1.5;
        double difference = relativeDifference(gradient, expected);
        assertTrue(difference < GRADIENT_TOLERANCE, network + ": relative difference " + difference);
        assertEquals(loss64[0], loss, 1e-5 * Math.abs(loss64[0]), network + ": loss");
    }

    private static double[] toDouble(float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return widened;
    }

    /** A large layer ([784, 128, 10]) on a block of 668 samples, the bench's shape, within the tolerance. */
    @Test
    void aBlockOfTheBenchShapeAgrees() {
        Network network = Network.of(784, new int[] {128}, Activation.SIGMOID, 10, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        Random random = new Random(3);
        int m = 668;
        float[] w32 = narrow(WeightInit.initialize(network, 2));
        float[] x32 = narrow(Cases.features(784, m, random));
        double[] y = Cases.labels(network, m, random);
        double[] loss64 = new double[1];
        double[] expected = gradient64(network, toDouble(w32), toDouble(x32), y, null, m, loss64);
        double[] gradient = new double[network.parameterCount()];
        Backprop float32 = Backprop.forThisThread(network, Precision.FLOAT32);
        double loss = float32.addGradient(w32, x32, y, null, m, gradient);
        double difference = relativeDifference(gradient, expected);
        assertTrue(difference < GRADIENT_TOLERANCE, "relative difference " + difference);
        assertEquals(loss64[0], loss, 1e-5 * loss64[0]);
    }

    @Test
    void theFloatActivationsAreTheDoubleOnesRounded() {
        Random random = new Random(5);
        int n = 1_003; // whole vectors and a tail
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = 30 * random.nextDouble() - 15;
        }
        for (Activation f : Cases.HIDDEN) {
            double[] a64 = z.clone();
            f.apply(a64, n, 1);
            float[] a32 = narrow(z);
            f.apply(a32, n, 1);
            double[] delta64 = new double[n];
            java.util.Arrays.fill(delta64, 0.75);
            float[] delta32 = narrow(delta64);
            // z and a both: each activation reads the one its derivative is written from
            f.multiplyByDerivative(z, a64, delta64, n);
            f.multiplyByDerivative(narrow(z), a32, delta32, n);
            for (int i = 0; i < n; i++) {
                assertEquals(a64[i], a32[i], 1e-6 * Math.max(1, Math.abs(a64[i])), f + " at z = " + z[i]);
                assertEquals(delta64[i], delta32[i], 1e-6, f + "' at z = " + z[i]);
            }
        }
    }

    /**
     * A saturated float32 sigmoid gives e^z for z far below 0: subnormal below z = -87 (e^-95 is 5.5e-42), which
     * x86 multiplies 10-100 x slower; those become 0, normal values stay as they are, in whole vector lanes and
     * in the scalar tail alike.
     */
    @Test
    void subnormalActivationsAndDeltasAreFlushedToZero() {
        int n = 1_003;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = i % 2 == 0 ? -95f : -80f;
        }
        Precision.FLOAT32.activate(Activation.SIGMOID, z, n, 1);
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                assertEquals(0.0f, z[i], "sigmoid(-95) at " + i);
            } else {
                assertEquals((float) Math.exp(-80), z[i], 1e-6 * Math.exp(-80), "sigmoid(-80) at " + i);
            }
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 2 == 0 ? 0.5f : z[i]; // sigmoid(0), and sigmoid(-80) = 1.8e-35
        }
        float[] delta = new float[n];
        java.util.Arrays.fill(delta, 1e-5f);
        Precision.FLOAT32.multiplyByDerivative(Activation.SIGMOID, null, a, delta, n);
        for (int i = 0; i < n; i++) {
            // 1e-5 x 0.25 stays; 1e-5 x 1.8e-35 = 1.8e-40 is subnormal
            if (i % 2 == 0) {
                assertEquals(2.5e-6f, delta[i], 1e-12f, "delta at " + i);
            } else {
                assertEquals(0.0f, delta[i], "delta at " + i); // exactly: a subnormal is not 0
            }
        }
    }

    @Test
    void anInstanceTakesOnlyArraysOfItsPrecision() {
        Network network = Network.of(3, new int[] {4}, Activation.TANH, 1, Activation.SIGMOID, Loss.CROSS_ENTROPY);
        Backprop float32 = new Backprop(network, Precision.FLOAT32);
        assertThrows(IllegalStateException.class, () -> float32.addGradient(new double[network.parameterCount()],
                new double[3], new double[] {1}, null, 1, new double[network.parameterCount()]));
        assertEquals(Precision.FLOAT32, Precision.fromId("float32"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Precision.fromId("float16"));
        assertEquals("unknown precision 'float16'; valid: float64, float32", unknown.getMessage());
    }
}
