package io.github.sparkprop.internal.optim;

import java.util.Map;

/**
 * An update rule for the flat parameter vector. Its state (velocities, moments, curvature pairs) lives
 * here, outside the network and the weights, and can be saved to and restored from a checkpoint.
 */
public interface Optimizer {

    /**
     * Runs iteration t: evaluates the objective as often as the method needs (once for first-order methods,
     * once per line-search trial for L-BFGS) and updates w in place.
     *
     * @return the evaluation at the weights the iteration started from, and whether the method can make no
     *         further progress
     */
    Step iterate(Objective objective, double[] w, int t);

    /** The optimizer's state, as named arrays, for a checkpoint. */
    Map<String, double[]> state();

    /** Restores the state saved by {@link #state()}. */
    void restore(Map<String, double[]> state);

    /** The learning-rate schedule it steps along, or null for a method that finds its own steps (L-BFGS). */
    default Schedule schedule() {
        return null;
    }

    /**
     * What one iteration reports.
     *
     * @param start     the evaluation at the weights the iteration started from
     * @param converged true when the method found no further decrease (L-BFGS line search)
     */
    record Step(Evaluation start, boolean converged) {
    }
}
