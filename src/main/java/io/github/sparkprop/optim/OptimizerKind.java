package io.github.sparkprop.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The optimizers a run can choose, each with the settings it reads (declared in its own class) and how to
 * build it. This is the one list of optimizers: the faces' names, help and validation come from here.
 */
public enum OptimizerKind {

    GD("gd", "gradient descent", true, List.of(), (values, schedule) -> new GradientDescent(schedule)),

    MOMENTUM("momentum", "gradient descent with momentum (and Nesterov's form)", true,
            List.of(Momentum.MOMENTUM, Momentum.NESTEROV),
            (values, schedule) -> new Momentum(schedule, values.real(Momentum.MOMENTUM), values.flag(Momentum.NESTEROV))),

    ADAM("adam", "Adam", true, List.of(Adam.BETA1, Adam.BETA2, Adam.EPSILON), (values, schedule) ->
            Adam.of(schedule, values)),

    ADAMW("adamw", "Adam with decoupled weight decay", true,
            List.of(Adam.BETA1, Adam.BETA2, Adam.EPSILON, AdamW.WEIGHT_DECAY),
            (values, schedule) -> new AdamW(schedule, Adam.of(schedule, values), values.real(AdamW.WEIGHT_DECAY))),

    LBFGS("lbfgs", "L-BFGS with a strong Wolfe line search, full batch only, no learning rate", false,
            List.of(Lbfgs.MEMORY), (values, schedule) -> new Lbfgs(values.integer(Lbfgs.MEMORY)));

    /** Which optimizer a run uses. */
    public static final Setting OPTIMIZER = Setting.choice("optimizer", "gd",
            Arrays.stream(values()).map(OptimizerKind::id).toList(),
            Arrays.stream(values()).map(kind -> kind.id + ": " + kind.description).collect(Collectors.joining("; "))
                    + ".");

    private final String id;
    private final String description;
    private final boolean scheduled;
    private final List<Setting> settings;
    private final BiFunction<SettingValues, Schedule, Optimizer> factory;

    OptimizerKind(String id, String description, boolean scheduled, List<Setting> settings,
            BiFunction<SettingValues, Schedule, Optimizer> factory) {
        this.id = id;
        this.description = description;
        this.scheduled = scheduled;
        this.settings = settings;
        this.factory = factory;
    }

    /** The name in settings and on every face. */
    public String id() {
        return id;
    }

    /** Whether it needs the same data at every evaluation (its line search compares losses): full batches. */
    public boolean needsFullBatch() {
        return !scheduled;
    }

    /**
     * The optimizer with the given name.
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

    /** The optimizer for a run of T iterations, from the values of its settings. */
    public Optimizer build(SettingValues values, int iterations) {
        return factory.apply(values, scheduled ? Schedule.of(values, iterations) : null);
    }

    /** The settings that decide what this optimizer does with the given values: its own and its schedule's. */
    public List<Setting> relevant(SettingValues values) {
        List<Setting> relevant = new ArrayList<>(List.of(OPTIMIZER));
        if (scheduled) {
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
