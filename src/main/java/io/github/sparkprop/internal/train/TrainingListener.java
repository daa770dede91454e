package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.optim.Evaluation;
import java.util.Map;

/**
 * A concern of the training loop (as DJL's TrainingListener): early stopping, a tolerance, checkpoints, progress,
 * divergence, a schedule that reacts to validation. The loop tells every listener about each iteration in three
 * steps: the evaluation at the iteration's starting weights ({@link #onEvaluation}, where divergence stops the run),
 * whether to stop ({@link #stopReason}), and the iteration's end with the decision taken ({@link #onIterationEnd}).
 * A listener whose state must survive a resume gives it as named arrays ({@link #state}) and gets it back before
 * the first iteration ({@link #onStart}).
 */
public interface TrainingListener {

    /** Before the first iteration of this loop: the state the run starts or resumes from. */
    default void onStart(TrainingState from) {
    }

    /**
     * The evaluation at iteration t's starting weights (an empty batch included), before anything is recorded.
     *
     * @throws DivergenceException to stop the run when the evaluation is not finite
     */
    default void onEvaluation(int t, Evaluation evaluation) {
    }

    /** Why the run should stop after this iteration, or null to go on. */
    default String stopReason(IterationEnd end) {
        return null;
    }

    /** The iteration is over and the decision taken ({@link IterationEnd#stopReason()} says which). */
    default void onIterationEnd(IterationEnd end) {
    }

    /** The weights the run should return instead of its last ones (the best validation weights), or null. */
    default double[] bestWeights() {
        return null;
    }

    /** The listener's state, as named arrays with names of its own, for a checkpoint. */
    default Map<String, double[]> state() {
        return Map.of();
    }
}
