package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * GELU and its erf against values computed here by Taylor series in BigDecimal ({@link HighPrecision}); the
 * gradient checks, the float32 agreement and the ONNX comparison cover it with every hidden activation.
 */
class GeluTest {

    /** Points in each of Cody's three intervals (|x| up to 0.46875, up to 4, above), at their ends, both signs. */
    private static final double[] X = {0.0, 1e-10, 0.1, -0.3, 0.46875, -0.46875, 0.5, 1.0, -1.5, 2.0, 3.0, -3.7, 4.0,
        4.2, -5.0, 6.0, 8.5, -10.0};

    @Test
    void erfEqualsItsSeriesTo1e14() {
        for (double x : X) {
            double expected = HighPrecision.erf(x);
            assertEquals(expected, Gelu.erf(x), 1e-14 * Math.abs(expected), "erf(" + x + ")");
        }
    }

    /** Where erf is close to 1 the relative accuracy that counts is erfc's: that of the tail. */
    @Test
    void erfcEqualsItsSeriesTo1e14Relative() {
        for (double x : X) {
            double expected = HighPrecision.erfc(x);
            assertEquals(expected, Gelu.erfc(x), 1e-14 * expected, "erfc(" + x + ")");
        }
        assertEquals(2.0, Gelu.erfc(-30.0), 0.0);
        assertEquals(0.0, Gelu.erfc(30.0), 0.0);
        assertEquals(1.0, Gelu.erf(30.0), 0.0);
        assertEquals(-1.0, Gelu.erf(-30.0), 0.0);
    }

    /**
     * f(z) = z Phi(z) and f'(z) = Phi(z) + z phi(z) at points on both sides of the minimum (z = -0.7518, where f'
     * is 0), far out where f is about 0 or about z, in blocks of double and float.
     */
    @Test
    void valueAndDerivativeAtKnownPoints() {
        double[] z = {-6.0, -3.0, -1.0, -0.75, -0.5, -1e-3, 0.0, 0.3, 1.0, 2.5, 6.0};
        double[] a = z.clone();
        Activation.fromId("gelu").apply(a, z.length, 1);
        double[] delta = new double[z.length];
        java.util.Arrays.fill(delta, 1.0);
        Activation.fromId("gelu").multiplyByDerivative(z, null, delta, z.length);
        float[] a32 = new float[z.length];
        float[] z32 = new float[z.length];
        float[] delta32 = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            z32[i] = (float) z[i];
            a32[i] = (float) z[i];
            delta32[i] = 1.0f;
        }
        Activation.fromId("gelu").apply(a32, 1, z.length);
        Activation.fromId("gelu").multiplyByDerivative(z32, null, delta32, z.length);
        for (int i = 0; i < z.length; i++) {
            double cdf = HighPrecision.normalCdf(z[i]);
            double f = z[i] * cdf;
            double derivative = cdf + z[i] * HighPrecision.normalDensity(z[i]);
            assertEquals(f, a[i], 1e-14 * Math.abs(f), "f(" + z[i] + ")");
            // f' crosses 0 near -0.75: there the error is an absolute one
            assertEquals(derivative, delta[i], 1e-14 * Math.max(Math.abs(derivative), 0.1), "f'(" + z[i] + ")");
            assertEquals(f, a32[i], 1e-7 * Math.max(Math.abs(f), 1e-3), "float f(" + z[i] + ")");
            assertEquals(derivative, delta32[i], 2e-7, "float f'(" + z[i] + ")");
        }
    }

    /** The exact values at 0 and 1: f(0) = 0, f'(0) = 1/2; f(1) = Phi(1) = 0.841344746068542948... */
    @Test
    void halfAtZeroAndPhiOfOneAtOne() {
        double[] z = {0.0, 1.0};
        Activation.fromId("gelu").apply(z, 2, 1);
        assertEquals(0.0, z[0], 0.0);
        assertEquals(0.8413447460685429, z[1], 4e-16);
        double[] delta = {1.0};
        Activation.fromId("gelu").multiplyByDerivative(new double[] {0.0}, null, delta, 1);
        assertEquals(0.5, delta[0], 1e-16);
    }

    @Test
    void aHiddenActivationWhoseDerivativeNeedsZWithHeWeights() {
        Activation gelu = Activation.fromId("gelu");
        assertEquals("gelu", gelu.id());
        assertTrue(gelu.needsZ());
        assertTrue(Activation.hiddenIds().contains("gelu"));
        assertEquals(WeightInit.Scheme.HE, gelu.weightInit());
    }
}
