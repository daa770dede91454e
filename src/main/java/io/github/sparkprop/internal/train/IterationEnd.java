package io.github.sparkprop.internal.train;

import io.github.sparkprop.evaluate.Metrics;
import java.util.function.Supplier;

/**
 * One iteration, as the loop tells its listeners.
 *
 * @param record            its figures (NaN ones for an empty mini-batch)
 * @param startWeights      the weights it started from (those the validation figures are of)
 * @param validation        the validation figures at the starting weights, when they were due, else null
 * @param optimizerConverged whether the optimizer found no further decrease (L-BFGS's line search)
 * @param stopReason        why the run stops here, once decided, else null
 * @param state             the run's state after the iteration, once decided (built on request: a checkpoint),
 *                          else null
 */
public record IterationEnd(IterationRecord record, double[] startWeights, Metrics validation,
        boolean optimizerConverged, String stopReason, Supplier<TrainingState> state) {

    /** The 1-based iteration. */
    public int iteration() {
        return record.iteration();
    }

    /** Whether its mini-batch was empty (no cost, no step). */
    public boolean emptyBatch() {
        return record.samples() == 0;
    }

    /** The same iteration with the decision taken, and the state it leaves. */
    IterationEnd decided(String reason, Supplier<TrainingState> after) {
        return new IterationEnd(record, startWeights, validation, optimizerConverged, reason, after);
    }
}
