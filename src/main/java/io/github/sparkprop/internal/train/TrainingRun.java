package io.github.sparkprop.internal.train;

import java.util.List;

/**
 * The outcome of a training loop.
 *
 * @param weights    the final parameters (the best validation weights when early stopping kept them)
 * @param history    one record per iteration run, resumed ones included
 * @param stopReason why the loop ended, for the log and model.json
 * @param converged  whether a convergence test ended it (tolerance, the line search, early stopping), rather
 *                   than the number of iterations
 */
public record TrainingRun(double[] weights, List<IterationRecord> history, String stopReason, boolean converged) {

    public int iterations() {
        return history.size();
    }

    /** history.csv: one line per iteration. */
    public String historyCsv() {
        StringBuilder csv = new StringBuilder(IterationRecord.CSV_HEADER).append('\n');
        for (IterationRecord r : history) {
            csv.append(r.csv()).append('\n');
        }
        return csv.toString();
    }
}
