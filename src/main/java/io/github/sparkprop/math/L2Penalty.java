package io.github.sparkprop.math;

/**
 * L2 regularisation on the weights only (never the biases): (lambda/2) sum_l ||W^l||_F^2, whose gradient
 * is lambda W^l.
 *
 * @param lambda the regularisation strength, finite and &gt;= 0 (0: no penalty)
 */
public record L2Penalty(double lambda) {

    /**
     * Checks lambda.
     *
     * @param lambda the regularisation strength, finite and &gt;= 0 (0: no penalty)
     * @throws IllegalArgumentException for a negative, infinite or NaN lambda
     */
    public L2Penalty {
        if (!(lambda >= 0.0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + lambda);
        }
    }

    /**
     * (lambda/2) sum_l ||W^l||_F^2.
     *
     * @param network the network whose layout w has (where each W^l is)
     * @param w       the flat parameters (layout of {@link Network})
     * @return the penalty, 0 when lambda is 0
     */
    public double value(Network network, double[] w) {
        if (lambda == 0.0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int l = 1; l <= network.depth(); l++) {
            int from = network.weightOffset(l);
            int to = network.biasOffset(l);
            for (int i = from; i < to; i++) {
                sum += w[i] * w[i];
            }
        }
        return 0.5 * lambda * sum;
    }

    /**
     * gradient += lambda W^l for every weight (biases untouched).
     *
     * @param network  the network whose layout w and gradient have
     * @param w        the flat parameters (layout of {@link Network})
     * @param gradient the gradient to add the penalty's into, same layout as w
     */
    public void addGradient(Network network, double[] w, double[] gradient) {
        if (lambda == 0.0) {
            return;
        }
        for (int l = 1; l <= network.depth(); l++) {
            int from = network.weightOffset(l);
            int to = network.biasOffset(l);
            for (int i = from; i < to; i++) {
                gradient[i] += lambda * w[i];
            }
        }
    }
}
