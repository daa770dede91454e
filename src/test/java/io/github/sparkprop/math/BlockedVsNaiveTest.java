package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocked GEMM computation over blocks of 1, 2 and 7 samples equals the per-sample scalar loop of
 * {@link NaiveNetwork}, for the loss sum and the gradient sum, to a relative 1e-10.
 */
class BlockedVsNaiveTest {

    private static final int M = 15;

    static List<Arguments> networks() {
        return Cases.networks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void blocksOfAnySizeEqualTheSampleLoop(Network network) {
        Random random = new Random(11);
        int n0 = network.inputSize();
        double[] w = WeightInit.initialize(network, 3);
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.05 * random.nextGaussian(); // non-zero biases too
        }
        double[] x = Cases.features(n0, M, random);
        double[] y = Cases.labels(network, M, random);

        NaiveNetwork naive = Cases.naive(network);
        double[] expectedGradient = new double[network.parameterCount()];
        double expectedLoss = 0;
        for (int j = 0; j < M; j++) {
            double[] xj = Cases.column(x, n0, j);
            naive.addGradient(w, xj, y[j], expectedGradient);
            expectedLoss += naive.loss(w, xj, y[j]);
        }

        for (int blockSize : new int[] {1, 2, 7}) {
            Backprop backprop = new Backprop(network);
            double[] gradient = new double[network.parameterCount()];
            double loss = 0;
            for (int start = 0; start < M; start += blockSize) {
                int size = Math.min(blockSize, M - start);
                double[] xb = new double[n0 * size];
                System.arraycopy(x, start * n0, xb, 0, n0 * size);
                double[] yb = new double[size];
                System.arraycopy(y, start, yb, 0, size);
                loss += backprop.addGradient(w, xb, yb, size, gradient);
            }
            assertEquals(expectedLoss, loss, 1e-10 * Math.abs(expectedLoss), "loss, block size " + blockSize);
            double error = Cases.relativeDifference(gradient, expectedGradient);
            assertTrue(error < 1e-10, network + ", block size " + blockSize + ": relative error " + error);
        }
    }

    /** Every network with a block of 60 % zeros (computed densely) and one of 95 % (the sparse kernel). */
    static List<Arguments> sparseCases() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (Arguments network : Cases.networks()) {
            cases.add(Arguments.of(network.get()[0], 0.6, true));
            cases.add(Arguments.of(network.get()[0], 0.95, false));
        }
        return cases;
    }

    /**
     * Sparse samples (compressed sparse columns) through the first layer give the loss and gradient sums of
     * the per-sample loop on the same samples written out densely, whether the block is dense enough to be
     * written out for GEMM or goes through the sparse kernel.
     */
    @ParameterizedTest(name = "{0}, {1} zeros")
    @MethodSource("sparseCases")
    void sparseBlocksEqualTheSampleLoop(Network network, double zeroFraction, boolean computedDensely) {
        Random random = new Random(13);
        int n0 = network.inputSize();
        double[] w = WeightInit.initialize(network, 4);
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.05 * random.nextGaussian();
        }
        double[] x = Cases.features(n0, M, random);
        int[] colPtr = new int[M + 1];
        int[] rows = new int[n0 * M];
        double[] values = new double[n0 * M];
        for (int j = 0; j < M; j++) {
            colPtr[j + 1] = colPtr[j];
            for (int i = 0; i < n0; i++) {
                if (random.nextDouble() < zeroFraction) {
                    x[j * n0 + i] = 0;
                } else {
                    rows[colPtr[j + 1]] = i;
                    values[colPtr[j + 1]] = x[j * n0 + i];
                    colPtr[j + 1]++;
                }
            }
        }
        double[] y = Cases.labels(network, M, random);
        double[] weights = new double[M];
        for (int j = 0; j < M; j++) {
            weights[j] = random.nextInt(3);
        }
        NaiveNetwork naive = Cases.naive(network);
        double[] expected = new double[network.parameterCount()];
        double expectedLoss = 0;
        for (int j = 0; j < M; j++) {
            double[] xj = Cases.column(x, n0, j);
            double[] gj = new double[expected.length];
            naive.addGradient(w, xj, y[j], gj);
            for (int k = 0; k < expected.length; k++) {
                expected[k] += weights[j] * gj[k];
            }
            expectedLoss += weights[j] * naive.loss(w, xj, y[j]);
        }
        double[] gradient = new double[network.parameterCount()];
        SparseColumns block = new SparseColumns(n0, colPtr, rows, values);
        assertEquals(computedDensely, Backprop.computesDensely(block), block.nonZeros() + " non-zeros");
        double loss = new Backprop(network).addGradient(w, block, y, weights, gradient);
        assertEquals(expectedLoss, loss, 1e-10 * Math.abs(expectedLoss));
        double error = Cases.relativeDifference(gradient, expected);
        assertTrue(error < 1e-10, network + ": sparse relative error " + error);
    }

    /**
     * One instance (as a task thread keeps it) over blocks of other shapes and kinds, one after another, gives
     * what a fresh instance gives for each: nothing left in its buffers from an earlier block shows.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void aReusedInstanceGivesWhatAFreshOneGives(Network network) {
        Random random = new Random(17);
        int n0 = network.inputSize();
        double[] w = WeightInit.initialize(network, 6);
        Backprop reused = new Backprop(network);
        Object[][] blocks = {sparseBlock(n0, 15, 0.6, random), {Cases.features(n0, 7, random), 7},
            sparseBlock(n0, 15, 0.97, random), sparseBlock(n0, 3, 0.5, random), {Cases.features(n0, 2, random), 2}};
        for (Object[] block : blocks) {
            int samples = block[0] instanceof SparseColumns sparse ? sparse.cols() : (Integer) block[1];
            double[] y = Cases.labels(network, samples, random);
            double[] expected = new double[network.parameterCount()];
            double[] actual = new double[network.parameterCount()];
            double expectedLoss;
            double actualLoss;
            if (block[0] instanceof SparseColumns sparse) {
                expectedLoss = new Backprop(network).addGradient(w, sparse, y, null, expected);
                actualLoss = reused.addGradient(w, sparse, y, null, actual);
            } else {
                expectedLoss = new Backprop(network).addGradient(w, (double[]) block[0], y, samples, expected);
                actualLoss = reused.addGradient(w, (double[]) block[0], y, samples, actual);
            }
            assertEquals(expectedLoss, actualLoss, 0.0);
            assertArrayEquals(expected, actual, 0.0);
        }
    }

    /** A block of random sparse samples with about the given fraction of zeros. */
    private static Object[] sparseBlock(int n0, int samples, double zeroFraction, Random random) {
        int[] colPtr = new int[samples + 1];
        int[] rows = new int[n0 * samples];
        double[] values = new double[n0 * samples];
        for (int j = 0; j < samples; j++) {
            colPtr[j + 1] = colPtr[j];
            for (int i = 0; i < n0; i++) {
                if (random.nextDouble() >= zeroFraction) {
                    rows[colPtr[j + 1]] = i;
                    values[colPtr[j + 1]++] = 4 * random.nextDouble() - 2;
                }
            }
        }
        return new Object[] {new SparseColumns(n0, colPtr, rows, values)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void predictionsEqualTheSampleLoop(Network network) {
        Random random = new Random(5);
        int n0 = network.inputSize();
        int units = network.outputSize();
        double[] w = WeightInit.initialize(network, 9);
        double[] x = Cases.features(n0, 7, random);
        double[] outputs = new Backprop(network).predict(w, x, 7);
        NaiveNetwork naive = Cases.naive(network);
        for (int j = 0; j < 7; j++) {
            double[][] z = naive.preActivations(w, Cases.column(x, n0, j));
            double[] expected = NaiveNetwork.activate(network.activation(network.depth()).id(), z[network.depth()]);
            for (int k = 0; k < units; k++) {
                assertEquals(expected[k], outputs[j * units + k], 1e-12, "sample " + j + ", unit " + k);
            }
        }
    }

    /**
     * A thread's instances of several networks, used in turn block by block (as a pass of several candidates runs
     * each block through each network), keep their own buffers: each network's sums equal those of an instance
     * of its own over the whole of the samples.
     */
    @org.junit.jupiter.api.Test
    void aThreadsInstancesOfSeveralNetworksUsedInTurnKeepTheirOwnBuffers() {
        List<Network> networks = List.of(
                Network.of(3, new int[] {4}, Activation.TANH, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
                Network.of(3, new int[] {5, 3}, Activation.RELU, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
        double[] x = Cases.features(3, M, new Random(3));
        double[][] w = new double[2][];
        double[][] y = new double[2][];
        double[][] expected = new double[2][];
        double[][] inTurn = new double[2][];
        for (int k = 0; k < 2; k++) {
            Network network = networks.get(k);
            w[k] = WeightInit.initialize(network, k);
            y[k] = Cases.labels(network, M, new Random(k));
            expected[k] = new double[network.parameterCount()];
            inTurn[k] = new double[network.parameterCount()];
            new Backprop(network).addGradient(w[k], x, y[k], M, expected[k]);
        }
        int block = 7;
        for (int start = 0; start < M; start += block) {
            int size = Math.min(block, M - start);
            for (int k = 0; k < 2; k++) {
                Backprop backprop = Backprop.forThisThread(networks.get(k));
                assertSame(backprop, Backprop.forThisThread(networks.get(k)), "one instance a network");
                backprop.addGradient(w[k], java.util.Arrays.copyOfRange(x, start * 3, (start + size) * 3),
                        java.util.Arrays.copyOfRange(y[k], start, start + size), size, inTurn[k]);
            }
        }
        for (int k = 0; k < 2; k++) {
            double error = Cases.relativeDifference(inTurn[k], expected[k]);
            assertTrue(error < 1e-12, networks.get(k) + ": relative difference " + error);
        }
    }
}
