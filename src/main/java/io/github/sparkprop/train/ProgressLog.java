package io.github.sparkprop.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one progress line every few iterations: iteration/total, loss, gradient norm, seconds per
 * iteration, samples per second and the estimated time left. About 25 lines per run, plus the first and
 * the last iteration.
 */
final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.sparkprop.progress");

    private final int total;
    private final int every;
    private double seconds;

    ProgressLog(int total) {
        this.total = total;
        this.every = Math.max(1, Math.round(total / 25f));
    }

    void record(IterationRecord record, long samples) {
        seconds += record.seconds();
        int t = record.iteration();
        if (t != 1 && t != total && t % every != 0) {
            return;
        }
        double perIteration = seconds / t;
        LOG.info(String.format("iteration %d/%d  loss %.6g  |grad| %.3g  %.3f s/it  %,.0f samples/s  ETA %s", t, total,
                record.cost(), record.gradientNorm(), record.seconds(), samples / Math.max(record.seconds(), 1e-9),
                eta(perIteration * (total - t))));
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
