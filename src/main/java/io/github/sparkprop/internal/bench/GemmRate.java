package io.github.sparkprop.internal.bench;

import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/**
 * The machine's GEMM rate on the first layer's product of the bench's networks, [m x k] x [k x n] (weights
 * times a block of samples), through the BLAS sparkprop uses, in GFLOP/s: the ceiling its network cases are
 * measured against. Three figures: one thread with the operands in cache; all cores at once (a thread per
 * core, each on its own operands), in cache; and all cores at once with the samples streaming from memory
 * (each product takes the next of blocks that add up to {@link #STREAMED_BYTES} a thread, more than the caches
 * hold), as training reads them. Each is the best of {@link #ROUNDS} rounds of at least
 * {@link #ROUND_SECONDS} seconds.
 *
 * @param oneThread  one thread, operands in cache
 * @param allCores   all cores, operands in cache
 * @param fromMemory all cores, samples from memory
 */
record GemmRate(double oneThread, double allCores, double fromMemory) {

    static final long STREAMED_BYTES = 128L << 20;
    static final int ROUNDS = 3;
    static final double ROUND_SECONDS = 0.2;

    /** One GEMM of the shape, its samples taken from block {@code block}. */
    private interface Product {
        void run(int block);
    }

    /** Measures the rates of the given precision's GEMM on {@code cores} threads. */
    static GemmRate measure(Precision precision, int m, int n, int k, int cores) {
        double flops = 2.0 * m * n * k;
        int blocks = (int) Math.max(1, STREAMED_BYTES / ((long) k * n * (precision == Precision.FLOAT32 ? 4 : 8)));
        List<Product> products = new ArrayList<>();
        for (int t = 0; t < cores; t++) {
            products.add(product(precision, m, n, k, blocks, new Random(t)));
        }
        double oneThread = best(flops, List.of(products.get(0)), 1);
        double allCores = best(flops, products, 1);
        double fromMemory = best(flops, products, blocks);
        return new GemmRate(oneThread, allCores, fromMemory);
    }

    private static Product product(Precision precision, int m, int n, int k, int blocks, Random random) {
        if (precision == Precision.FLOAT32) {
            float[] a = floats(m * k, random);
            float[][] b = new float[blocks][];
            for (int i = 0; i < blocks; i++) {
                b[i] = floats(k * n, random);
            }
            float[] c = new float[m * n];
            return block -> Blas.get().sgemm("T", "N", m, n, k, 1.0f, a, 0, k, b[block], 0, k, 0.0f, c, 0, m);
        }
        double[] a = random.doubles((long) m * k).toArray();
        double[][] b = new double[blocks][];
        for (int i = 0; i < blocks; i++) {
            b[i] = random.doubles((long) k * n).toArray();
        }
        double[] c = new double[m * n];
        return block -> Blas.get().dgemm("T", "N", m, n, k, 1.0, a, 0, k, b[block], 0, k, 0.0, c, 0, m);
    }

    private static float[] floats(int length, Random random) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    /**
     * GFLOP/s of the products run at once, one thread each, cycling through their first {@code blocks} blocks:
     * the best of the rounds, after a warm-up pass over the blocks.
     */
    private static double best(double flops, List<Product> products, int blocks) {
        int repeats = Math.max(blocks, 1);
        double seconds = time(products, blocks, repeats);
        while (seconds < ROUND_SECONDS / 4) {
            repeats *= 2;
            seconds = time(products, blocks, repeats);
        }
        repeats = (int) Math.ceil(repeats * ROUND_SECONDS / seconds);
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            best = Math.max(best, flops * repeats * products.size() / time(products, blocks, repeats) / 1e9);
        }
        return best;
    }

    /** Seconds for every product to run {@code repeats} times, all started together on threads of their own. */
    private static double time(List<Product> products, int blocks, int repeats) {
        CyclicBarrier start = new CyclicBarrier(products.size() + 1);
        List<Thread> threads = new ArrayList<>();
        for (Product product : products) {
            Thread thread = new Thread(() -> {
                await(start);
                for (int r = 0; r < repeats; r++) {
                    product.run(r % blocks);
                }
            }, "gemm-rate");
            thread.start();
            threads.add(thread);
        }
        await(start);
        long began = System.nanoTime();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the GEMM rate", e);
            }
        }
        return (System.nanoTime() - began) / 1e9;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("the GEMM rate's threads did not start together", e);
        }
    }
}
