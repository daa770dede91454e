package io.github.sparkprop.internal.train;

import java.util.HashMap;
import java.util.Map;

/**
 * Early stopping on the validation loss: remembers the best loss and the weights it was reached with, and stops
 * the run once {@code patience} evaluations in a row have not improved on it; the run then returns the best
 * weights.
 */
final class EarlyStopping implements TrainingListener {

    private static final String BEST_LOSS = "earlyStopping.bestLoss";
    private static final String BEST_ITERATION = "earlyStopping.bestIteration";
    private static final String MISSES = "earlyStopping.misses";
    private static final String BEST_WEIGHTS = "earlyStopping.bestWeights";

    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private double[] bestWeights;
    private int misses;

    EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.patience = patience;
    }

    @Override
    public void onStart(TrainingState from) {
        Map<String, double[]> state = from.listeners();
        if (state.containsKey(BEST_LOSS)) {
            bestLoss = state.get(BEST_LOSS)[0];
            bestIteration = (int) state.get(BEST_ITERATION)[0];
            misses = (int) state.get(MISSES)[0];
            bestWeights = state.containsKey(BEST_WEIGHTS) ? state.get(BEST_WEIGHTS).clone() : null;
        }
    }

    /** Records the validation loss at the iteration's starting weights, when there is one. */
    @Override
    public String stopReason(IterationEnd end) {
        if (end.validation() == null) {
            return null;
        }
        if (end.validation().loss() < bestLoss) {
            bestLoss = end.validation().loss();
            bestIteration = end.iteration();
            bestWeights = end.startWeights().clone();
            misses = 0;
            return null;
        }
        misses++;
        return misses < patience ? null : "early stopping: no better validation loss in " + patience
                + " evaluations; keeping the weights of iteration " + bestIteration;
    }

    @Override
    public double[] bestWeights() {
        return bestWeights;
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> state = new HashMap<>(Map.of(BEST_LOSS, new double[] {bestLoss}, BEST_ITERATION,
                new double[] {bestIteration}, MISSES, new double[] {misses}));
        if (bestWeights != null) {
            state.put(BEST_WEIGHTS, bestWeights);
        }
        return state;
    }
}
