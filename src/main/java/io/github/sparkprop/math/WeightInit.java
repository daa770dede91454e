package io.github.sparkprop.math;

import java.util.SplittableRandom;

/** Seeded initial weights: Glorot/Xavier uniform, He uniform for relu layers, biases zero. */
public final class WeightInit {

    private WeightInit() {
    }

    /**
     * Draws W^l_ji from U(-r, r) with r = sqrt(6 / (n_{l-1} + n_l)) (Glorot) for sigmoid, tanh, identity
     * and softmax layers, and r = sqrt(6 / n_{l-1}) (He) for rectifier layers ({@link Activation#heInitialized}); b^l = 0. The same seed gives the
     * same weights.
     */
    public static double[] initialize(Network network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[network.parameterCount()];
        for (int l = 1; l <= network.depth(); l++) {
            int fanIn = network.size(l - 1);
            int fanOut = network.size(l);
            double r = network.activation(l).heInitialized()
                    ? Math.sqrt(6.0 / fanIn)
                    : Math.sqrt(6.0 / (fanIn + fanOut));
            int offset = network.weightOffset(l);
            for (int i = 0; i < fanIn * fanOut; i++) {
                w[offset + i] = r * (2.0 * random.nextDouble() - 1.0);
            }
        }
        return w;
    }
}
