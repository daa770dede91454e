package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * SiLU against values computed here in BigDecimal ({@link HighPrecision#exp}); the gradient checks, the float32
 * agreement and the ONNX comparison cover it with every hidden activation.
 */
class SiluTest {

    private static final MathContext MC = new MathContext(50);

    /** s(z) = 1 / (1 + e^-z) in BigDecimal. */
    private static BigDecimal logistic(double z) {
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(HighPrecision.exp(new BigDecimal(-z)), MC), MC);
    }

    /**
     * f(z) = z s and f'(z) = s + z s (1 - s) at points on both sides of the minimum (z = -1.2785, where f' is 0)
     * and far out, where e^-z overflows (z = -800) or 1 - s is below double's resolution next to 1 (z = 40: f' is
     * 1 + 1.7e-16, not 1), in blocks of double and float.
     */
    @Test
    void valueAndDerivativeAtKnownPoints() {
        double[] z = {-700.0, -40.0, -5.0, -1.2785, -1.0, -1e-3, 0.0, 0.5, 2.0, 40.0, 700.0};
        double[] a = z.clone();
        Activation silu = Activation.fromId("silu");
        silu.apply(a, z.length, 1);
        double[] delta = new double[z.length];
        java.util.Arrays.fill(delta, 1.0);
        silu.multiplyByDerivative(z, null, delta, z.length);
        float[] a32 = new float[z.length];
        float[] z32 = new float[z.length];
        float[] delta32 = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            z32[i] = (float) z[i];
            a32[i] = (float) z[i];
            delta32[i] = 1.0f;
        }
        silu.apply(a32, 1, z.length);
        silu.multiplyByDerivative(z32, null, delta32, z.length);
        for (int i = 0; i < z.length; i++) {
            BigDecimal s = logistic(z[i]);
            BigDecimal big = new BigDecimal(z[i]);
            double f = big.multiply(s, MC).doubleValue();
            double derivative = s.add(big.multiply(s, MC).multiply(BigDecimal.ONE.subtract(s, MC), MC), MC)
                    .doubleValue();
            assertEquals(f, a[i], 1e-15 * Math.abs(f), "f(" + z[i] + ")");
            // f' crosses 0 near -1.28: there the error is an absolute one
            assertEquals(derivative, delta[i], 1e-15 * Math.max(Math.abs(derivative), 1.0), "f'(" + z[i] + ")");
            assertEquals((float) f, a32[i], 1e-7 * Math.max(Math.abs(f), 1e-3), "float f(" + z[i] + ")");
            assertEquals(derivative, delta32[i], 2e-7, "float f'(" + z[i] + ")");
        }
    }

    /** Beyond where e^{|z|} overflows, f is 0 or z and f' is 0 or 1, never NaN. */
    @Test
    void finiteForHugeInputs() {
        double[] z = {-800.0, 800.0, -Double.MAX_VALUE, Double.MAX_VALUE};
        double[] a = z.clone();
        Activation.fromId("silu").apply(a, 2, 2);
        double[] delta = {1.0, 1.0, 1.0, 1.0};
        Activation.fromId("silu").multiplyByDerivative(z, null, delta, 4);
        assertEquals(0.0, a[0], 0.0);
        assertEquals(800.0, a[1], 0.0);
        assertEquals(0.0, a[2], 0.0);
        assertEquals(Double.MAX_VALUE, a[3], 0.0);
        assertEquals(0.0, delta[0], 0.0);
        assertEquals(1.0, delta[1], 0.0);
        assertEquals(0.0, delta[2], 0.0);
        assertEquals(1.0, delta[3], 0.0);
    }

    /** f(0) = 0 and f'(0) = s(0) = 1/2; f(1) = 1 / (1 + 1/e) = 0.7310585786300049 (e / (1 + e)). */
    @Test
    void halfAtZeroAndTheLogisticOfOneAtOne() {
        double[] z = {0.0, 1.0};
        Activation.fromId("silu").apply(z, 2, 1);
        assertEquals(0.0, z[0], 0.0);
        assertEquals(0.7310585786300049, z[1], 3e-16);
        double[] delta = {1.0};
        Activation.fromId("silu").multiplyByDerivative(new double[] {0.0}, null, delta, 1);
        assertEquals(0.5, delta[0], 0.0);
    }

    @Test
    void aHiddenActivationWhoseDerivativeNeedsZWithHeWeights() {
        Activation silu = Activation.fromId("silu");
        assertEquals("silu", silu.id());
        assertTrue(silu.needsZ());
        assertTrue(Activation.hiddenIds().contains("silu"));
        assertEquals(WeightInit.Scheme.HE, silu.weightInit());
    }
}
