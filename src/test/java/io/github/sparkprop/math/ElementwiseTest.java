package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The block activations, through the Vector API (which the test JVM has, as production does) and through the
 * scalar loop of a JVM without it, equal the textbook formulas evaluated one value at a time here, to 4 ulp
 * (a zero result to the sign), on extreme values (overflow of e^-z, underflow, signed zeros, NaN) and random
 * ones, with a tail that does not fill a vector.
 */
class ElementwiseTest {

    private static final double[] EXTREMES = {0.0, -0.0, 1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 20, -20, 40, -40,
        700, -700, 745, -745, 800, -800, 1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE};

    /** The logistic function as a textbook writes it (e^z / (1 + e^z) below 0, so that e^-z cannot overflow). */
    private static double logistic(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Test
    void theTestJvmHasTheVectorApi() {
        assertTrue(Elementwise.VECTOR_API, "conf/jvm.options adds jdk.incubator.vector; the tests must use it");
        assertEquals("Vector API", Elementwise.implementation());
    }

    @Test
    void sigmoidOfABlockEqualsTheFormula() {
        assertBothPathsWithin4Ulp(Elementwise::sigmoid, Elementwise::scalarSigmoid, ElementwiseTest::logistic);
    }

    @Test
    void tanhOfABlockEqualsTheFormula() {
        assertBothPathsWithin4Ulp(Elementwise::tanh, Elementwise::scalarTanh, Math::tanh);
    }

    /** An activation of the first n values of a block. */
    private interface Block {
        void apply(double[] z, int n);
    }

    /** The scalar loop over z[from..to). */
    private interface Range {
        void apply(double[] z, int from, int to);
    }

    /**
     * Both paths, after enough calls for the JIT to compile them (the compiled Vector API math may round
     * differently from the interpreted one), within 4 ulp; a zero keeps its sign where the formula does.
     */
    private static void assertBothPathsWithin4Ulp(Block vector, Range scalar, DoubleUnaryOperator formula) {
        double[] z = values();
        for (int warmUp = 0; warmUp < 2_000; warmUp++) {
            vector.apply(z.clone(), z.length);
            scalar.apply(z.clone(), 0, z.length);
        }
        double[] viaVector = z.clone();
        vector.apply(viaVector, viaVector.length);
        double[] viaScalar = z.clone();
        scalar.apply(viaScalar, 0, viaScalar.length);
        assertWithin4Ulp(z, viaVector, formula, "Vector API");
        assertWithin4Ulp(z, viaScalar, formula, "scalar");
    }

    @Test
    void onlyTheFirstNValuesChange() {
        double[] z = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
        Elementwise.sigmoid(z, 11);
        assertEquals(12.0, z[11]);
        assertEquals(13.0, z[12]);
        assertEquals(logistic(11), z[10], 4 * Math.ulp(logistic(11)));
    }

    /**
     * A float matrix added, transposed, into a double one at an offset: every value exactly (float to double is
     * exact), on shapes narrower and wider than a tile of columns and not a multiple of one, and nothing outside
     * the target's range touched.
     */
    @Test
    void addTransposedAddsEachValueIntoItsTransposedPlace() {
        Random random = new Random(5);
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {10, 128}, {128, 784}, {33, 65}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] m = new float[rows * cols];
            for (int k = 0; k < m.length; k++) {
                m[k] = (float) random.nextGaussian();
            }
            int offset = 5;
            double[] target = new double[offset + rows * cols + 3];
            for (int k = 0; k < target.length; k++) {
                target[k] = k;
            }
            Elementwise.addTransposed(m, rows, cols, target, offset);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int at = offset + i * cols + j;
                    assertEquals(at + (double) m[j * rows + i], target[at], rows + " x " + cols + " at " + i + "," + j);
                }
            }
            for (int k = 0; k < offset; k++) {
                assertEquals(k, target[k]);
            }
            for (int k = offset + rows * cols; k < target.length; k++) {
                assertEquals(k, target[k]);
            }
        }
    }

    /** The extremes, NaN, then 1,000 random values of all magnitudes: 1,023 in all, an odd tail for any lanes. */
    private static double[] values() {
        Random random = new Random(3);
        double[] z = new double[EXTREMES.length + 1 + 1000];
        System.arraycopy(EXTREMES, 0, z, 0, EXTREMES.length);
        z[EXTREMES.length] = Double.NaN;
        for (int i = EXTREMES.length + 1; i < z.length; i++) {
            z[i] = random.nextGaussian() * Math.pow(10, random.nextInt(4) - 1);
        }
        return z;
    }

    private static void assertWithin4Ulp(double[] z, double[] actual, DoubleUnaryOperator formula, String path) {
        for (int i = 0; i < z.length; i++) {
            double expected = formula.applyAsDouble(z[i]);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(actual[i]), path + ": f(" + z[i] + ") = " + actual[i]);
            } else if (expected == 0.0) {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual[i]),
                        path + ": f(" + z[i] + ") = " + actual[i] + ", expected " + expected);
            } else {
                assertEquals(expected, actual[i], 4 * Math.ulp(expected), path + ": f(" + z[i] + ")");
            }
        }
    }
}
