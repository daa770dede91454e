package io.github.sparkprop.math;

import java.util.SplittableRandom;

/** Seeded initial weights: uniform, scaled by each layer's activation ({@link Activation#weightInit}); biases zero. */
public final class WeightInit {

    /** The limit r of a layer's uniform initial weights U(-r, r). */
    public enum Scheme {

        /** r = sqrt(6 / (n_{l-1} + n_l)) (Glorot and Bengio 2010), for activations symmetric about 0. */
        GLOROT {
            @Override
            double limit(int fanIn, int fanOut) {
                return Math.sqrt(6.0 / (fanIn + fanOut));
            }
        },

        /**
         * r = sqrt(6 / n_{l-1}) (He et al. 2015), for rectifier-like activations, whose derivative is near 0 for
         * about half the inputs.
         */
        HE {
            @Override
            double limit(int fanIn, int fanOut) {
                return Math.sqrt(6.0 / fanIn);
            }
        };

        /** r for a layer of n_{l-1} = fanIn inputs and n_l = fanOut units. */
        abstract double limit(int fanIn, int fanOut);
    }

    private WeightInit() {
    }

    /**
     * Draws W^l_ji from U(-r, r), r from the scheme of layer l's activation ({@link Scheme}); b^l = 0. The same
     * seed gives the same weights.
     *
     * @param network the network whose parameters are drawn
     * @param seed    the seed of the random numbers
     * @return new flat parameters, {@link Network#parameterCount()} values in the layout of {@link Network}
     */
    public static double[] initialize(Network network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[network.parameterCount()];
        for (int l = 1; l <= network.depth(); l++) {
            int fanIn = network.size(l - 1);
            int fanOut = network.size(l);
            double r = network.activation(l).weightInit().limit(fanIn, fanOut);
            int offset = network.weightOffset(l);
            for (int i = 0; i < fanIn * fanOut; i++) {
                w[offset + i] = r * (2.0 * random.nextDouble() - 1.0);
            }
        }
        return w;
    }
}
