package io.github.sparkprop.internal.optim;

/**
 * The cost and its gradient at one point, from one pass over the data (or over one mini-batch).
 *
 * @param cost     J = (1/m) sum_i loss_i + (lambda/2) sum_l ||W^l||^2
 * @param dataLoss (1/m) sum_i loss_i, without the penalty
 * @param gradient dJ/dw
 * @param samples  m, the samples in the pass; 0 for an empty mini-batch, whose cost is NaN and gradient 0
 */
public record Evaluation(double cost, double dataLoss, double[] gradient, long samples) {

    /** The evaluation of an empty mini-batch: no samples, so no cost and no step. */
    public static Evaluation empty(int parameters) {
        return new Evaluation(Double.NaN, Double.NaN, new double[parameters], 0);
    }

    public boolean isEmpty() {
        return samples == 0;
    }

    /** ||dJ/dw||_2. */
    public double gradientNorm() {
        double s = 0;
        for (double g : gradient) {
            s += g * g;
        }
        return Math.sqrt(s);
    }
}
