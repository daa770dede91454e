package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.optim.Evaluation;

/**
 * Stops the run when the cost or the gradient at an iteration's starting weights is NaN or infinite: those weights
 * diverge, so their checkpoint (the previous iteration's) is deleted and the one before stays to resume from.
 */
final class Divergence implements TrainingListener {

    private final CheckpointStore checkpoints;

    /** @param checkpoints the run's checkpoints, or null */
    Divergence(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public void onEvaluation(int t, Evaluation evaluation) {
        if (evaluation.isEmpty() || Double.isFinite(evaluation.cost()) && Double.isFinite(evaluation.gradientNorm())) {
            return;
        }
        if (checkpoints != null) {
            checkpoints.discard(t - 1);
        }
        throw new DivergenceException(t, evaluation.cost(), evaluation.gradientNorm(), checkpoints != null);
    }
}
