package io.github.sparkprop.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The learning rate alpha_t of iteration t = 1, 2, ... from the base rate alpha, the decay rate gamma,
 * the decay period k, the warm-up W and the number of iterations T:
 *
 * <pre>
 *   constant     : alpha
 *   step         : alpha gamma^floor((t-1)/k)
 *   exponential  : alpha gamma^((t-1)/k)
 *   inverse-sqrt : alpha / sqrt(1 + (t-1)/k)
 *   cosine       : alpha (1 + cos(pi (t-1)/T)) / 2
 * </pre>
 *
 * multiplied, during a warm-up of W &gt; 0 iterations, by t / W for t &lt;= W.
 */
public record Schedule(Kind kind, double rate, double decayRate, int decayEvery, int warmup, int iterations) {

    /** alpha, the base learning rate. */
    public static final Setting LEARNING_RATE = Setting.real("learningRate", 0.0, Setting.Range.atLeast(0), "A",
            "Step size alpha (the base of the schedule); 0: the optimizer's own, 0.1 for gd and momentum, 0.001 for "
                    + "adam and adamw (lbfgs finds its own steps).").adjustable();
    /** The shape of the schedule. */
    public static final Setting SCHEDULE = Setting.choice("schedule", "constant",
            Arrays.stream(Kind.values()).map(Kind::id).toList(),
            "Learning rate at iteration t: constant alpha; step alpha*r^floor((t-1)/k); exponential alpha*r^((t-1)/k); "
                    + "inverse-sqrt alpha/sqrt(1+(t-1)/k); cosine alpha*(1+cos(pi*(t-1)/T))/2, with r the decay "
                    + "rate, k the decay period and T the iterations.");
    /** gamma (r), the decay factor. */
    public static final Setting DECAY_RATE = Setting.real("decayRate", 0.5, new Setting.Range(0, false, 1, true), "R",
            "Decay factor r of the step and exponential schedules.");
    /** k, the decay period. */
    public static final Setting DECAY_EVERY = Setting.integer("decayEvery", 10, Setting.Range.atLeast(1), "K",
            "Decay period k of the step, exponential and inverse-sqrt schedules, in iterations.");
    /** W, the warm-up. */
    public static final Setting WARMUP = Setting.integer("warmup", 0, Setting.Range.atLeast(0), "W",
            "Ramp the learning rate up linearly over the first W iterations.");

    /** The shape of the schedule. */
    public enum Kind {
        CONSTANT, STEP, EXPONENTIAL, INVERSE_SQRT, COSINE;

        /** The name on the command line. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromId(String id) {
            for (Kind kind : values()) {
                if (kind.id().equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown schedule '" + id + "'; valid: "
                    + Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")));
        }
    }

    public Schedule {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + rate);
        }
        if (!(decayRate > 0) || decayRate > 1) {
            throw new IllegalArgumentException("decay rate must be in (0, 1], got " + decayRate);
        }
        if (decayEvery < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("decay-every must be >= 1, warm-up >= 0 and iterations >= 1");
        }
    }

    /**
     * The schedule of the given settings for a run of T iterations.
     *
     * @param defaultRate the base rate when the learning rate is 0 (the optimizer's own)
     */
    public static Schedule of(SettingValues values, int iterations, double defaultRate) {
        double rate = values.real(LEARNING_RATE);
        return new Schedule(Kind.fromId(values.choice(SCHEDULE)), rate > 0 ? rate : defaultRate,
                values.real(DECAY_RATE), values.integer(DECAY_EVERY), values.integer(WARMUP), iterations);
    }

    /** Every setting of a schedule. */
    static List<Setting> settings() {
        return List.of(LEARNING_RATE, SCHEDULE, DECAY_RATE, DECAY_EVERY, WARMUP);
    }

    /** The settings that shape the chosen schedule (the decay ones only for a decaying schedule). */
    static List<Setting> relevant(SettingValues values) {
        List<Setting> relevant = new ArrayList<>(List.of(LEARNING_RATE, SCHEDULE));
        if (!values.choice(SCHEDULE).equals(Kind.CONSTANT.id())) {
            relevant.addAll(List.of(DECAY_RATE, DECAY_EVERY));
        }
        relevant.add(WARMUP);
        return relevant;
    }

    /** A constant rate. */
    public static Schedule constant(double rate) {
        return new Schedule(Kind.CONSTANT, rate, 1.0, 1, 0, 1);
    }

    /** alpha_t for the 1-based iteration t. */
    public double at(int t) {
        double decays = (t - 1) / (double) decayEvery;
        double base = switch (kind) {
            case CONSTANT -> rate;
            case STEP -> rate * Math.pow(decayRate, Math.floor(decays));
            case EXPONENTIAL -> rate * Math.pow(decayRate, decays);
            case INVERSE_SQRT -> rate / Math.sqrt(1 + decays);
            case COSINE -> rate * 0.5 * (1 + Math.cos(Math.PI * (t - 1) / iterations));
        };
        return warmup > 0 && t <= warmup ? base * t / warmup : base;
    }
}
