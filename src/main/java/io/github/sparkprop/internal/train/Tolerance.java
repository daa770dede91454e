package io.github.sparkprop.internal.train;

import java.util.Map;

/** Stops the run when |J_t - J_{t-1}| &lt;= tolerance |J_{t-1}|, J_{t-1} the cost of the last non-empty batch. */
final class Tolerance implements TrainingListener {

    private static final String PREVIOUS_COST = "tolerance.previousCost";

    private final double tolerance;
    private double previousCost = Double.NaN;

    Tolerance(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    @Override
    public void onStart(TrainingState from) {
        previousCost = from.listeners().getOrDefault(PREVIOUS_COST, new double[] {Double.NaN})[0];
    }

    @Override
    public String stopReason(IterationEnd end) {
        if (end.emptyBatch()) {
            return null;
        }
        double cost = end.record().cost();
        boolean met = Math.abs(cost - previousCost) <= tolerance * Math.abs(previousCost);
        previousCost = cost;
        return met ? "converged: the loss changed by less than the tolerance " + tolerance : null;
    }

    @Override
    public Map<String, double[]> state() {
        return Map.of(PREVIOUS_COST, new double[] {previousCost});
    }
}
