package io.github.sparkprop.internal.optim;

/** A differentiable cost J(w); for training, every evaluation is one distributed pass over the data. */
public interface Objective {

    /**
     * J and dJ/dw at w.
     *
     * @param iteration the 1-based iteration asking (it picks the mini-batch and labels the Spark job)
     */
    Evaluation evaluate(double[] w, int iteration);
}
