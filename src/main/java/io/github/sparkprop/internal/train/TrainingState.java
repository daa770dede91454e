package io.github.sparkprop.internal.train;

import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue exactly where it was: the iterations done, the weights, the
 * optimizer's state, the history and the state of the loop's listeners (early stopping's record, the last cost of
 * the tolerance, what the schedule heard). The mini-batches need no random-generator state: batch t is a function
 * of the seed, t and the row ids.
 *
 * @param iteration      iterations completed
 * @param weights        the weights after them
 * @param optimizer      the optimizer's named state arrays
 * @param history        one record per completed iteration
 * @param listeners      the listeners' named state arrays ({@link TrainingListener#state})
 * @param stopReason     why the run stopped before its last iteration (early stopping, convergence), or null
 */
public record TrainingState(int iteration, double[] weights, Map<String, double[]> optimizer,
        List<IterationRecord> history, Map<String, double[]> listeners, String stopReason) {

    /** The state before the first iteration. */
    public static TrainingState start(double[] initial) {
        return new TrainingState(0, initial.clone(), Map.of(), List.of(), Map.of(), null);
    }
}
