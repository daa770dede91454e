package io.github.sparkprop.internal.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one progress line per iteration, or every N: iteration/total, loss, validation figures (on the
 * iterations that have them), gradient norm, seconds per iteration, samples per second and the estimated
 * time left. By default about 25 lines per run, on iterations with validation figures, plus the first and
 * the last iteration.
 */
final class ProgressLog implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.sparkprop.progress");

    private final int total;
    private final int every;
    private double seconds;
    private int iterations;

    /**
     * @param every     a line every this many iterations, or 0 for about 25 lines per run
     * @param evalEvery validation figures come every this many iterations (0: none); the default spacing
     *                  is a multiple of it, so that the lines show them
     */
    ProgressLog(int total, int every, int evalEvery) {
        this.total = total;
        if (every > 0) {
            this.every = every;
        } else {
            int step = Math.max(1, evalEvery);
            this.every = step * Math.max(1, Math.round(total / 25f / step));
        }
    }

    @Override
    public void onIterationEnd(IterationEnd end) {
        if (end.emptyBatch()) {
            LOG.warn("iteration {}/{}: the mini-batch is empty; no step (use a larger batch fraction)", end.iteration(),
                    total);
        } else {
            record(end.record());
        }
    }

    private void record(IterationRecord r) {
        seconds += r.seconds();
        iterations++;
        int t = r.iteration();
        if (t != 1 && t != total && t % every != 0) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format("iteration %d/%d  loss %.6g", t, total, r.loss()));
        if (r.hasValidation()) {
            line.append(String.format("  val loss %.6g", r.validationLoss()));
            if (!Double.isNaN(r.validationAccuracy())) {
                line.append(String.format("  val acc %.4f", r.validationAccuracy()));
            }
            if (!Double.isNaN(r.validationRmse())) {
                line.append(String.format("  val RMSE %.6g", r.validationRmse()));
            }
        }
        double perIteration = seconds / iterations;
        line.append(String.format("  |grad| %.3g  %.3f s/it  %,.0f samples/s  ETA %s", r.gradientNorm(), r.seconds(),
                r.samples() / Math.max(r.seconds(), 1e-9), eta(perIteration * (total - t))));
        LOG.info(line.toString());
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
