package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Random;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

/**
 * The BLAS this JVM chose: native on every platform sparkprop carries OpenBLAS for (unless a system library
 * was named), one thread per call, and its GEMMs equal to plain loops.
 */
class BlasTest {

    private static boolean bundledPlatform() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        return (os.startsWith("Linux") || os.startsWith("Mac"))
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
    }

    @Test
    void aMachineWithoutASystemBlasRunsTheBundledOpenBlasOnOneThread() {
        assumeTrue(bundledPlatform() && System.getProperty(Blas.CHOICE) == null,
                "nothing is carried for this platform, or the Java BLAS was asked for");
        assertTrue(Blas.isNative(), Blas.implementation());
        String implementation = Blas.implementation();
        assertTrue(implementation.equals("JNIBLAS (bundled OpenBLAS " + BundledOpenBlas.VERSION + ")")
                || implementation.startsWith("JNIBLAS (system "), implementation);
        if (implementation.contains("bundled")) {
            assertEquals(1, openblas_nolapack.blas_get_num_threads());
        }
    }

    @Test
    void dgemmAndSgemmEqualPlainLoops() {
        BLAS blas = Blas.get();
        Random random = new Random(7);
        int m = 37;
        int n = 29;
        int k = 53;
        double[] a = new double[m * k]; // column-major m x k, used transposed: stored k x m
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        for (double[] values : new double[][] {a, b, c}) {
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
        }
        // C = 0.5 A^T B + 2 C with A stored k x m (lda k), B k x n (ldb k), C m x n (ldc m)
        double[] expected = new double[m * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                expected[j * m + i] = 0.5 * sum + 2 * c[j * m + i];
            }
        }
        float[] af = toFloat(a);
        float[] bf = toFloat(b);
        float[] cf = toFloat(c);
        blas.dgemm("T", "N", m, n, k, 0.5, a, 0, k, b, 0, k, 2.0, c, 0, m);
        blas.sgemm("T", "N", m, n, k, 0.5f, af, 0, k, bf, 0, k, 2.0f, cf, 0, m);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], c[i], 1e-12 * (1 + Math.abs(expected[i])), "dgemm element " + i);
            // float32: 53 products of unit-sized values, each rounded to 2^-24 relative
            assertEquals(expected[i], cf[i], 1e-4 * (1 + Math.abs(expected[i])), "sgemm element " + i);
        }
    }

    private static float[] toFloat(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }
}
