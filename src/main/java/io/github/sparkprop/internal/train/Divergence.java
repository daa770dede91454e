package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.optim.Evaluation;

/**
 * Stops the run when the cost or the gradient at an iteration's starting weights is NaN or infinite, or the cost
 * has exploded to {@link #EXPLOSION} times the run's first (a learning rate of 1e308 takes a loss of 0.49 to
 * 1e306 without ever reaching infinity): those weights diverge, so their checkpoint (the previous iteration's) is
 * deleted and the one before stays to resume from.
 */
final class Divergence implements TrainingListener {

    /**
     * How many times the first iteration's cost a cost may reach: a million, orders of magnitude above the rise a
     * converging run goes through (an unstandardised regression target's cost starts high and falls).
     */
    static final double EXPLOSION = 1e6;

    private final CheckpointStore checkpoints;
    /** The cost of the run's first iteration (a resumed run's history holds it), NaN before it. */
    private double first = Double.NaN;

    /** @param checkpoints the run's checkpoints, or null */
    Divergence(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public void onStart(TrainingState from) {
        first = from.history().isEmpty() ? Double.NaN : from.history().get(0).cost();
    }

    @Override
    public void onEvaluation(int t, Evaluation evaluation) {
        if (evaluation.isEmpty()) {
            return;
        }
        double cost = evaluation.cost();
        boolean finite = Double.isFinite(cost) && Double.isFinite(evaluation.gradientNorm());
        if (finite && Double.isNaN(first)) {
            first = cost;
        }
        if (finite && !(first > 0 && cost > EXPLOSION * first)) {
            return;
        }
        if (Double.isNaN(first)) {
            throw DivergenceException.atStart(t, cost, evaluation.gradientNorm());
        }
        if (checkpoints != null) {
            checkpoints.discard(t - 1);
        }
        throw new DivergenceException(t, cost, evaluation.gradientNorm(), checkpoints != null);
    }
}
