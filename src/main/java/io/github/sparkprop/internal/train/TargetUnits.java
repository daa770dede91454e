package io.github.sparkprop.internal.train;

import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;

/**
 * A regression target standardised for training, y' = (y - mean) / std, folded back so that the model and its
 * figures are in the target's own units. Without a standardised target (null) everything passes unchanged.
 *
 * @param target the target's standardisation, or null
 */
record TargetUnits(Scaler target) {

    /** Figures computed on the standardised target, in the target's units (null stays null). */
    Metrics metrics(Metrics metrics) {
        return metrics == null || target == null ? metrics : metrics.inTargetUnits(target.std()[0]);
    }

    /**
     * The weights of a network trained on y' as weights that predict y itself: the output layer is identity, so
     * y = std (W^L a + b^L) + mean = (std W^L) a + (std b^L + mean).
     */
    double[] weights(Network network, double[] w) {
        if (target == null) {
            return w;
        }
        double std = target.std()[0];
        double mean = target.mean()[0];
        double[] folded = w.clone();
        int depth = network.depth();
        int weights = network.weightOffset(depth);
        int outputs = network.size(depth);
        for (int i = weights; i < weights + outputs * network.size(depth - 1); i++) {
            folded[i] *= std;
        }
        for (int j = 0; j < outputs; j++) {
            folded[network.biasOffset(depth) + j] = std * folded[network.biasOffset(depth) + j] + mean;
        }
        return folded;
    }
}
