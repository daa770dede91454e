package io.github.sparkprop.train;

/**
 * Early stopping on the validation loss: remembers the best loss and the weights it was reached with,
 * and says stop once {@code patience} evaluations in a row have not improved on it. Patience 0 only
 * remembers.
 */
public final class EarlyStopping {

    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private double[] bestWeights;
    private int misses;

    public EarlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * Records the validation loss at the weights w of iteration t.
     *
     * @return true when training should stop
     */
    boolean record(int t, double validationLoss, double[] w) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestIteration = t;
            bestWeights = w.clone();
            misses = 0;
            return false;
        }
        misses++;
        return patience > 0 && misses >= patience;
    }

    public boolean enabled() {
        return patience > 0;
    }

    /** The best weights when early stopping is on and a validation loss was seen, else null. */
    double[] bestWeights() {
        return enabled() ? bestWeights : null;
    }

    int bestIteration() {
        return bestIteration;
    }

    /** (best loss, best iteration, misses) and the best weights, for a checkpoint. */
    double[] scalars() {
        return new double[] {bestLoss, bestIteration, misses};
    }

    double[] weights() {
        return bestWeights;
    }

    void restore(double[] scalars, double[] weights) {
        bestLoss = scalars[0];
        bestIteration = (int) scalars[1];
        misses = (int) scalars[2];
        bestWeights = weights == null ? null : weights.clone();
    }
}
