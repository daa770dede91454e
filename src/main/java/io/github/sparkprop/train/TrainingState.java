package io.github.sparkprop.train;

import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue exactly where it was: the iterations done, the weights, the
 * optimizer's state, the history, the early-stopping record and the last cost (for --tolerance). The
 * mini-batches need no random-generator state: batch t is a function of the seed, t and the row ids.
 *
 * @param iteration      iterations completed
 * @param weights        the weights after them
 * @param optimizer      the optimizer's named state arrays
 * @param history        one record per completed iteration
 * @param earlyStopping  (best validation loss, its iteration, evaluations since) of {@link EarlyStopping}
 * @param bestWeights    the weights of the best validation loss, or null
 * @param previousCost   the cost of the last non-empty iteration, or NaN
 * @param stopReason     why the run stopped before its last iteration (early stopping, convergence), or null
 */
public record TrainingState(int iteration, double[] weights, Map<String, double[]> optimizer,
        List<IterationRecord> history, double[] earlyStopping, double[] bestWeights, double previousCost,
        String stopReason) {

    /** The state before the first iteration. */
    public static TrainingState start(double[] initial) {
        return new TrainingState(0, initial.clone(), Map.of(), List.of(),
                new double[] {Double.POSITIVE_INFINITY, 0, 0}, null, Double.NaN, null);
    }
}
