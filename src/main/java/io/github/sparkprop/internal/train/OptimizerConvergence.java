package io.github.sparkprop.internal.train;

/** Stops the run when the optimizer can make no further progress (L-BFGS's line search found no decrease). */
final class OptimizerConvergence implements TrainingListener {

    @Override
    public String stopReason(IterationEnd end) {
        return end.optimizerConverged() ? "converged: the line search found no further decrease of the loss" : null;
    }
}
