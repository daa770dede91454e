package io.github.sparkprop.internal.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The learning rate alpha_t of iteration t = 1, 2, ...; one class or one function per shape, each registered once
 * in {@link Schedules}. A schedule may listen to the validation loss (and change its rate on what it hears: {@code
 * plateau}); what it has heard is its state, saved in checkpoints so that a resumed run continues it.
 */
public interface Schedule {

    /** alpha, the base learning rate. */
    Setting LEARNING_RATE = Setting.real("learningRate", 0.0, Setting.Range.atLeast(0), "A",
            "Step size alpha (the base of the schedule); 0: the optimizer's own, 0.1 for gd and momentum, 0.001 for "
                    + "adam and adamw (lbfgs finds its own steps).").adjustable();
    /** gamma (r), the decay factor. */
    Setting DECAY_RATE = Setting.real("decayRate", 0.5, new Setting.Range(0, false, 1, true), "R",
            "Decay factor r of the decaying schedules (every one but constant and cosine).");
    /** k, the decay period. */
    Setting DECAY_EVERY = Setting.integer("decayEvery", 10, Setting.Range.atLeast(1), "K",
            "Decay period k of the decaying schedules, in iterations (in validation evaluations for plateau).");
    /** W, the warm-up. */
    Setting WARMUP = Setting.integer("warmup", 0, Setting.Range.atLeast(0), "W",
            "Ramp the learning rate up linearly over the first W iterations.");

    /** alpha_t for the 1-based iteration t. */
    double at(int t);

    /** Hears the validation loss of the latest evaluation (iterations come in order). */
    default void validated(double validationLoss) {
    }

    /** What the schedule has heard, as named arrays, for a checkpoint. */
    default Map<String, double[]> state() {
        return Map.of();
    }

    /** Restores the state saved by {@link #state()}. */
    default void restore(Map<String, double[]> state) {
    }

    /**
     * The schedule of the given settings for a run of T iterations, with its warm-up.
     *
     * @param defaultRate the base rate when the learning rate is 0 (the optimizer's own)
     */
    static Schedule of(SettingValues values, int iterations, double defaultRate) {
        double rate = values.real(LEARNING_RATE);
        Schedules.Shape shape = new Schedules.Shape(rate > 0 ? rate : defaultRate, values.real(DECAY_RATE),
                values.integer(DECAY_EVERY), iterations);
        Schedule schedule = Schedules.fromId(values.choice(Schedules.SCHEDULE)).build(shape);
        int warmup = values.integer(WARMUP);
        return warmup > 0 ? new Warmup(schedule, warmup) : schedule;
    }

    /** A constant rate. */
    static Schedule constant(double rate) {
        return Schedules.fromId(Schedules.CONSTANT).build(new Schedules.Shape(rate, 1.0, 1, 1));
    }

    /** Every setting of a schedule. */
    static List<Setting> settings() {
        return List.of(LEARNING_RATE, Schedules.SCHEDULE, DECAY_RATE, DECAY_EVERY, WARMUP);
    }

    /** The settings that shape the chosen schedule (the decay ones only for a decaying schedule). */
    static List<Setting> relevant(SettingValues values) {
        List<Setting> relevant = new ArrayList<>(List.of(LEARNING_RATE, Schedules.SCHEDULE));
        if (Schedules.fromId(values.choice(Schedules.SCHEDULE)).decays()) {
            relevant.addAll(List.of(DECAY_RATE, DECAY_EVERY));
        }
        relevant.add(WARMUP);
        return relevant;
    }

    /** A schedule's rate multiplied, during a warm-up of W iterations, by t / W for t &lt;= W. */
    record Warmup(Schedule schedule, int iterations) implements Schedule {
        @Override
        public double at(int t) {
            double base = schedule.at(t);
            return t <= iterations ? base * t / iterations : base;
        }

        @Override
        public void validated(double validationLoss) {
            schedule.validated(validationLoss);
        }

        @Override
        public Map<String, double[]> state() {
            return schedule.state();
        }

        @Override
        public void restore(Map<String, double[]> state) {
            schedule.restore(state);
        }
    }
}
