package io.github.sparkprop.internal.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The optimizers a run can choose, each with the settings it reads (declared in its own class) and how to
 * build it. This is the one list of optimizers: the faces' names, help and validation come from here.
 */
public enum OptimizerKind {

    GD("gd", "gradient descent", 0.1, List.of(), values -> 0, (values, schedule) -> new GradientDescent(schedule)),

    MOMENTUM("momentum", "gradient descent with momentum (and Nesterov's form)", 0.1,
            List.of(Momentum.MOMENTUM, Momentum.NESTEROV), values -> 1,
            (values, schedule) -> new Momentum(schedule, values.real(Momentum.MOMENTUM), values.flag(Momentum.NESTEROV))),

    ADAM("adam", "Adam", 0.001, List.of(Adam.BETA1, Adam.BETA2, Adam.EPSILON), values -> 2, (values, schedule) ->
            Adam.of(schedule, values)),

    ADAMW("adamw", "Adam with decoupled weight decay", 0.001,
            List.of(Adam.BETA1, Adam.BETA2, Adam.EPSILON, AdamW.WEIGHT_DECAY), values -> 2,
            (values, schedule) -> new AdamW(schedule, Adam.of(schedule, values), values.real(AdamW.WEIGHT_DECAY))),

    LBFGS("lbfgs", "L-BFGS with a strong Wolfe line search, full batch only, no learning rate", Double.NaN,
            List.of(Lbfgs.MEMORY), values -> 2 * values.integer(Lbfgs.MEMORY) + 2,
            (values, schedule) -> new Lbfgs(values.integer(Lbfgs.MEMORY)));

    /** The optimizer choice that lets the run pick one (see {@code TrainingSettings}). */
    public static final String AUTO = "auto";

    /** Which optimizer a run uses. */
    public static final Setting OPTIMIZER = Setting.choice("optimizer", AUTO,
            java.util.stream.Stream.concat(java.util.stream.Stream.of(AUTO), Arrays.stream(values())
                    .map(OptimizerKind::id)).toList(),
            "auto: lbfgs for full batches, adam for mini-batches, gd when a learning rate or schedule is given; "
                    + Arrays.stream(values()).map(kind -> kind.id + ": " + kind.description)
                            .collect(Collectors.joining("; ")) + ".");

    private final String id;
    private final String description;
    private final double defaultRate;
    private final List<Setting> settings;
    private final ToIntFunction<SettingValues> stateVectors;
    private final BiFunction<SettingValues, Schedule, Optimizer> factory;

    /**
     * @param defaultRate  the learning rate when none is given, or NaN for an optimizer that takes none
     * @param stateVectors how many arrays of the weights' size its state holds, given its settings
     */
    OptimizerKind(String id, String description, double defaultRate, List<Setting> settings,
            ToIntFunction<SettingValues> stateVectors, BiFunction<SettingValues, Schedule, Optimizer> factory) {
        this.id = id;
        this.description = description;
        this.defaultRate = defaultRate;
        this.settings = settings;
        this.stateVectors = stateVectors;
        this.factory = factory;
    }

    /**
     * How many arrays of the weights' size its state holds with the given settings (velocity: 1; Adam's moments:
     * 2; L-BFGS's m curvature pairs, its previous point and gradient: 2m + 2), for the driver's memory check.
     */
    public int stateVectors(SettingValues values) {
        return stateVectors.applyAsInt(values);
    }

    /** Whether it steps along a learning-rate schedule (else it finds its own steps: L-BFGS). */
    public boolean scheduled() {
        return !Double.isNaN(defaultRate);
    }

    /** Its learning rate when none is given (NaN for one that takes none). */
    public double defaultRate() {
        return defaultRate;
    }

    /** The name in settings and on every face. */
    public String id() {
        return id;
    }

    /** Whether it needs the same data at every evaluation (its line search compares losses): full batches. */
    public boolean needsFullBatch() {
        return !scheduled();
    }

    /**
     * The optimizer with the given name ({@link #AUTO} is resolved by the run, not here).
     *
     * @throws IllegalArgumentException naming the valid ones
     */
    public static OptimizerKind fromId(String id) {
        for (OptimizerKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "'; valid: " + OPTIMIZER.choices());
    }

    /**
     * The optimizer for a run of T iterations, from the values of its settings (a learning rate of 0 is its
     * default rate).
     */
    public Optimizer build(SettingValues values, int iterations) {
        return factory.apply(values, scheduled() ? Schedule.of(values, iterations, defaultRate) : null);
    }

    /** The settings that decide what this optimizer does with the given values: its own and its schedule's. */
    public List<Setting> relevant(SettingValues values) {
        List<Setting> relevant = new ArrayList<>(List.of(OPTIMIZER));
        if (scheduled()) {
            relevant.addAll(Schedule.relevant(values));
        }
        relevant.addAll(settings);
        return relevant;
    }

    /** Every setting of the optimizers and schedules: the choice, the schedule's, then each optimizer's own. */
    public static List<Setting> settings() {
        Set<Setting> all = new LinkedHashSet<>();
        all.add(OPTIMIZER);
        all.addAll(Schedule.settings());
        for (OptimizerKind kind : values()) {
            all.addAll(kind.settings);
        }
        return List.copyOf(all);
    }
}
