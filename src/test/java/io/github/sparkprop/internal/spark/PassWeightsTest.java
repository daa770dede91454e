package io.github.sparkprop.internal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PassWeightsTest {

    private static final double[] W = {1.0 / 3, -2.5, 1e-40, 7.000000001, Math.PI};

    @Test
    void float64WeightsTravelAsTheyAreFloat32OnesInHalfTheBytes() {
        PassWeights doubles = PassWeights.float64(W);
        assertSame(W, doubles.doubles(), "float64: the driver's array, no copy");
        assertEquals(8L * W.length, doubles.bytes());
        PassWeights floats = PassWeights.float32(W);
        assertTrue(floats.isFloat32());
        assertFalse(doubles.isFloat32());
        assertEquals(4L * W.length, floats.bytes());
        for (int i = 0; i < W.length; i++) {
            assertEquals((float) W[i], floats.floats()[i], 0.0, "rounded to nearest");
            assertEquals((float) W[i], doubles.floats()[i], 0.0, "the same rounding, wherever it happens");
            assertEquals((double) (float) W[i], floats.doubles()[i], 0.0, "widened exactly");
        }
        assertSame(floats.doubles(), floats.doubles(), "widened once");
        assertSame(doubles.floats(), doubles.floats(), "narrowed once");
    }

    @Test
    void aSliceKeepsThePrecision() {
        PassWeights slice = PassWeights.float32(W).slice(1, 4);
        assertTrue(slice.isFloat32());
        assertArrayEquals(new float[] {(float) W[1], (float) W[2], (float) W[3]}, slice.floats());
        assertArrayEquals(new double[] {W[3], W[4]}, PassWeights.float64(W).slice(3, 5).doubles());
    }
}
