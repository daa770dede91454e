package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.internal.optim.SettingValues;
import java.util.List;

/**
 * What the loss history of a run that used up its iterations says about it: fine, or rising, or stuck. Losses
 * are compared as means over windows of w = max(1, T / 10) iterations, so that the noise of mini-batches does not
 * count: the run rose when its last window's mean is above its first's; it is stuck when its best window ended
 * more than max(10, T / 4) iterations before the end and the last window's mean is 1 % or more above the best.
 */
final class LossTrend {

    /** A best window this share of the run before the end means no improvement for a long stretch. */
    private static final int STRETCH_SHARE = 4;
    /** ... and at least this many iterations. */
    private static final int MIN_STRETCH = 10;
    /** The last window must be this much above the best to count as no improvement. */
    private static final double SLACK = 0.01;

    private LossTrend() {
    }

    /**
     * Why the run's loss did not come down, e.g. "the loss rose from 1.2 to 3.4", or null when it did.
     *
     * @param history the iterations' records (those of empty mini-batches, with a NaN cost, are passed over)
     */
    static String problem(List<IterationRecord> history) {
        double[] cost = history.stream().mapToDouble(IterationRecord::cost).filter(c -> !Double.isNaN(c)).toArray();
        int t = cost.length;
        if (t < 2) {
            return null;
        }
        int w = Math.max(1, t / 10);
        double first = mean(cost, 0, w);
        double last = mean(cost, t - w, t);
        if (last > first) {
            return String.format("the loss rose from %.4g to %.4g", first, last);
        }
        double best = Double.POSITIVE_INFINITY;
        int bestEnd = 0;
        for (int end = w; end <= t; end++) {
            double window = mean(cost, end - w, end);
            if (window < best) {
                best = window;
                bestEnd = end;
            }
        }
        if (t - bestEnd > Math.max(MIN_STRETCH, t / STRETCH_SHARE) && last > best * (1 + SLACK)) {
            return String.format("the loss has not come down since iteration %d (%.4g there, %.4g at the end): it "
                    + "oscillates", bestEnd, best, last);
        }
        return null;
    }

    /**
     * The WARN line of a run that used up its iterations without its loss coming down, with the next thing to try,
     * or null when it came down (or a convergence test ended the run).
     */
    static String warning(TrainingRun run, SettingValues settings) {
        String problem = run.converged() ? null : problem(run.history());
        return problem == null ? null : "the run did not converge: " + problem + "; " + advice(settings);
    }

    /**
     * The next thing to try when the loss did not come down: a tenth of the learning rate for a first-order
     * optimizer, or L-BFGS for full batches; for L-BFGS, a little L2 (its line search only accepts decreasing
     * steps, so a rising loss means a badly conditioned problem).
     */
    private static String advice(SettingValues settings) {
        if (!TrainingSettings.optimizer(settings).scheduled()) {
            return "try an L2 penalty of 0.001 (--l2 / regParam)";
        }
        double rate = settings.real(Schedule.LEARNING_RATE);
        return String.format("try a learning rate of %.3g (a tenth of %.3g: --learning-rate / stepSize)", rate / 10,
                rate) + (settings.real(TrainingSettings.BATCH_FRACTION) == 1
                        ? ", or the lbfgs optimizer, which finds its own steps" : "");
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum / (to - from);
    }
}
