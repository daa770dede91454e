package io.github.sparkprop.optim;

/**
 * One update rule for the flat parameter vector. An optimizer keeps whatever state it needs (velocities,
 * moments) itself, outside the network and the weights.
 */
public interface Optimizer {

    /**
     * Updates w in place from the gradient dJ/dw of the cost at w.
     *
     * @param w         the parameters, updated in place
     * @param gradient  dJ/dw at w (already averaged over the batch, L2 included)
     * @param iteration the 1-based iteration number
     */
    void step(double[] w, double[] gradient, int iteration);
}
