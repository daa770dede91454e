package io.github.sparkprop.internal.optim;

/**
 * A method that takes one step per iteration from one gradient: evaluate dJ/dw at w, then update w with
 * the iteration's learning rate. An empty mini-batch, or a cost or gradient that is not finite, gives no
 * step (the trainer reports the latter as divergence).
 */
public abstract class FirstOrderOptimizer implements Optimizer {

    private final Schedule schedule;

    protected FirstOrderOptimizer(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public final Schedule schedule() {
        return schedule;
    }

    @Override
    public final Step iterate(Objective objective, double[] w, int t) {
        Evaluation evaluation = objective.evaluate(w, t);
        if (!evaluation.isEmpty() && Double.isFinite(evaluation.cost()) && Double.isFinite(evaluation.gradientNorm())) {
            update(w, evaluation.gradient(), schedule.at(t));
        }
        return new Step(evaluation, false);
    }

    /** Updates w in place from the gradient g with learning rate alpha. */
    protected abstract void update(double[] w, double[] g, double alpha);
}
