package io.github.sparkprop.train;

/**
 * The cost and its gradient at one point, from one pass over the data.
 *
 * @param cost     J = (1/m) sum_i loss_i + (lambda/2) sum_l ||W^l||^2
 * @param dataLoss (1/m) sum_i loss_i, without the penalty
 * @param gradient dJ/dw
 * @param samples  m, the samples in the pass
 */
public record Evaluation(double cost, double dataLoss, double[] gradient, long samples) {

    /** ||dJ/dw||_2. */
    public double gradientNorm() {
        double s = 0;
        for (double g : gradient) {
            s += g * g;
        }
        return Math.sqrt(s);
    }
}
