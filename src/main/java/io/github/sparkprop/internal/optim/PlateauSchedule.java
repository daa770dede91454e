package io.github.sparkprop.internal.optim;

import java.util.Map;

/**
 * A rate that drops when the validation loss stops improving, as Keras's ReduceLROnPlateau:
 *
 * <pre>
 *   alpha_t = alpha r^n
 * </pre>
 *
 * n the number of times the validation loss has gone k evaluations in a row without improving on its best (the
 * count restarting after each drop). An improvement is any loss below the best one. Its state (best loss, misses,
 * drops) is saved in checkpoints, so a resumed run continues it.
 */
final class PlateauSchedule implements Schedule {

    /** Its registration. */
    static final Schedules.Type TYPE = new Schedules.Type("plateau",
            "alpha*r^n, n the times the validation loss went k evaluations without improving", true, true,
            PlateauSchedule::new);

    private static final String BEST = "bestLoss";
    private static final String MISSES = "misses";
    private static final String DROPS = "drops";

    private final double rate;
    private final double decayRate;
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int misses;
    private int drops;

    PlateauSchedule(Schedules.Shape shape) {
        this.rate = shape.rate();
        this.decayRate = shape.decayRate();
        this.patience = shape.decayEvery();
    }

    @Override
    public double at(int t) {
        return rate * Math.pow(decayRate, drops);
    }

    @Override
    public void validated(double validationLoss) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            misses = 0;
        } else if (++misses >= patience) {
            drops++;
            misses = 0;
        }
    }

    @Override
    public Map<String, double[]> state() {
        return Map.of(BEST, new double[] {bestLoss}, MISSES, new double[] {misses}, DROPS, new double[] {drops});
    }

    @Override
    public void restore(Map<String, double[]> state) {
        bestLoss = state.get(BEST)[0];
        misses = (int) state.get(MISSES)[0];
        drops = (int) state.get(DROPS)[0];
    }
}
