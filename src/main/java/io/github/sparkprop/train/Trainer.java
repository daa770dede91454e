package io.github.sparkprop.train;

import io.github.sparkprop.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver loop of synchronous data-parallel training: every iteration evaluates J and dJ/dw at the
 * current weights in one distributed pass and takes one optimizer step. All executors always see the
 * same weights.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * Runs {@code iterations} full-batch iterations from {@code initial} (which is not modified).
     *
     * @throws DivergenceException when the cost or the gradient stops being finite
     */
    public static TrainingRun run(DistributedObjective objective, double[] initial, Optimizer optimizer, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        double[] w = initial.clone();
        List<IterationRecord> history = new ArrayList<>();
        ProgressLog progress = new ProgressLog(iterations);
        for (int t = 1; t <= iterations; t++) {
            long start = System.nanoTime();
            Evaluation evaluation = objective.evaluate(w, "sparkprop iteration " + t + "/" + iterations);
            double gradientNorm = evaluation.gradientNorm();
            if (!Double.isFinite(evaluation.cost()) || !Double.isFinite(gradientNorm)) {
                throw new DivergenceException("training diverged at iteration " + t + ": the loss is "
                        + evaluation.cost() + " and the gradient norm " + gradientNorm
                        + "; try a smaller --learning-rate or --standardize");
            }
            optimizer.step(w, evaluation.gradient(), t);
            IterationRecord record = new IterationRecord(t, evaluation.cost(), gradientNorm,
                    (System.nanoTime() - start) / 1e9);
            history.add(record);
            progress.record(record, evaluation.samples());
        }
        return new TrainingRun(w, List.copyOf(history));
    }
}
