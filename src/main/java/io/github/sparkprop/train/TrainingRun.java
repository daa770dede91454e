package io.github.sparkprop.train;

import java.util.List;

/**
 * The outcome of a training loop.
 *
 * @param weights the final parameters
 * @param history one record per iteration run
 */
public record TrainingRun(double[] weights, List<IterationRecord> history) {

    public int iterations() {
        return history.size();
    }
}
