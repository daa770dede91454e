package io.github.sparkprop.internal.train;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.optim.OptimizerKind;
import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.internal.optim.Schedules;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.Setting.Range;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The settings of a training run that every face offers, declared once: the network, the optimizer and its
 * schedule (declared with the optimizers), and how the loop runs. Faces derive their options or params,
 * help texts, defaults and validation from {@link #sections()}.
 */
public final class TrainingSettings {

    /** The loss choice that picks the task's loss. */
    public static final String AUTO = "auto";

    public static final Setting HIDDEN = Setting.sizes("hidden", "SIZES",
            "Sizes of the hidden layers, e.g. 128,64; none: a linear model (logistic, softmax or linear regression).");
    public static final Setting ACTIVATION = Setting.choice("activation", "relu", Activation.hiddenIds(),
            "Activation of the hidden layers.");
    public static final Setting LOSS = Setting.choice("loss", AUTO,
            Stream.concat(Stream.of(AUTO), Arrays.stream(Loss.values()).map(Loss::id)).toList(),
            "Loss: cross-entropy (classification) or squared (regression, or k sigmoid units for k classes); auto: "
                    + "cross-entropy for classification, squared for regression.");
    public static final Setting STANDARDIZE = Setting.flag("standardize", true,
            "Standardise the features to mean 0 and standard deviation 1 (population; a constant feature is divided "
                    + "by 1; sparse features are only divided), computed in the validation pass, kept in the model and "
                    + "applied at prediction time.");

    public static final Setting ITERATIONS = Setting.integer("iterations", 100, Range.atLeast(1), "N",
            "Iterations: one step each (L-BFGS: one step and its line search).").adjustable();
    public static final Setting BATCH_FRACTION = Setting.real("batchFraction", 1.0, new Range(0, false, 1, true), "F",
            "Mini-batch SGD: each iteration uses a seeded fraction F of the rows (row i is in iteration t's batch "
                    + "when hash(seed, t, i) < F); 1 is full batch.");
    /** The L2 setting's value that asks for the default penalty ({@link #penalty}). */
    public static final double DEFAULT_L2 = -1;
    /** The default L2 penalty of a network (of standardised inputs and target). */
    static final double NETWORK_L2 = 0.02;

    public static final Setting L2 = Setting.real("l2", DEFAULT_L2, Range.atLeast(DEFAULT_L2), "LAMBDA",
            "L2 penalty (lambda/2) sum ||W||^2 on the weights, not the biases; -1: the default, 1/m for a linear "
                    + "model of m training rows (scikit-learn's C = 1) and 0.02 for a network, chosen on a corpus of "
                    + "real tables (none with adamw, whose weight decay regularises).");
    public static final Setting SEED = Setting.longInteger("seed", 42L, "S",
            "Seed of the initial weights, the mini-batches and the held-out splits.");
    public static final Setting TOLERANCE = Setting.real("tolerance", 0.0, Range.atLeast(0), "T",
            "Stop when the cost changes by less than T relative to the previous iteration's (0: never). With "
                    + "mini-batches the costs are of different batches: use early stopping instead.");
    public static final Setting EVAL_EVERY = Setting.integer("evalEvery", 1, Range.atLeast(1), "N",
            "Compute the validation loss and accuracy (or RMSE) every N iterations, in the same distributed pass "
                    + "as the gradient.");
    public static final Setting EARLY_STOPPING = Setting.integer("earlyStopping", 0, Range.atLeast(0), "PATIENCE",
            "Stop when the validation loss has not improved in PATIENCE evaluations, and keep the weights of the "
                    + "best one (0: off; needs validation data).");
    public static final Setting CHECKPOINT_EVERY = Setting.integer("checkpointEvery", 10, Range.atLeast(1), "N",
            "A checkpoint every N iterations (and at the end), when checkpoints are written.").runtime();
    public static final Setting TREE_DEPTH = Setting.integer("treeDepth", 0, Range.atLeast(0), "D",
            "Depth of the treeAggregate that merges the gradient sums of the executors (each executor first "
                    + "merges its own tasks' sums) or, when a task was retried, of the tasks (0: 1 up to 16 sums, 2 "
                    + "up to 256, 3 up to 4,096, ...).").runtime();
    public static final Setting BLOCK_SIZE = Setting.integer("blockSize", 0, Range.between(0, 1 << 20), "ROWS",
            "Rows stacked into one cached block for the GEMMs (0: about 4 MB of features a block, 64 to 4,096 "
                    + "rows; at most 1,048,576).").runtime();
    public static final Setting PRECISION = Setting.choice("precision", Precision.FLOAT64.id(),
            Arrays.stream(Precision.values()).map(Precision::id).toList(),
            "Arithmetic of the tasks: float64, or float32 (dense features cached in float32, sgemm and float32 "
                    + "activations: up to twice the speed and half the memory; each block's gradient is added into "
                    + "a float64 sum, and the loss, the weights and the optimizer stay float64; lbfgs works, its "
                    + "line search stopping where float32's rounding hides further decrease).");
    public static final Setting LOG_EVERY = Setting.integer("logEvery", 0, Range.atLeast(0), "N",
            "A progress line every N iterations (0: about 25 per run).").runtime();

    /** The settings that decide the network; a model to start from must agree with those that are set. */
    static final List<Setting> NETWORK = List.of(HIDDEN, ACTIVATION, LOSS, STANDARDIZE);

    private TrainingSettings() {
    }

    /** Every training setting, grouped: the network, the optimizer and its schedule, the loop. */
    public static List<Setting.Section> sections() {
        return List.of(new Setting.Section("Network", NETWORK),
                new Setting.Section("Optimizer and learning-rate schedule", OptimizerKind.settings()),
                new Setting.Section("Training loop", List.of(ITERATIONS, BATCH_FRACTION, L2, SEED, TOLERANCE, EVAL_EVERY,
                        EARLY_STOPPING, CHECKPOINT_EVERY, TREE_DEPTH, BLOCK_SIZE, PRECISION, LOG_EVERY)));
    }

    /** Every training setting, in the order of {@link #sections()}. */
    public static List<Setting> all() {
        List<Setting> all = new ArrayList<>();
        sections().forEach(section -> all.addAll(section.settings()));
        return all;
    }

    /** The arithmetic of a run's tasks. */
    static Precision precision(SettingValues values) {
        return Precision.fromId(values.choice(PRECISION));
    }

    /**
     * The L2 penalty of a run of m training rows: the one set, or the default: none with adamw (its weight decay
     * regularises), 1/m for a linear model, 0.02 for a network with hidden layers.
     */
    static double penalty(SettingValues values, long m, boolean hidden) {
        double l2 = values.real(L2);
        if (l2 != DEFAULT_L2) {
            return l2;
        }
        if (optimizer(values) == OptimizerKind.ADAMW) {
            return 0;
        }
        return hidden ? NETWORK_L2 : 1.0 / Math.max(1, m);
    }

    /** The settings whose value asks for a learning-rate schedule: given any, {@code auto} means gd. */
    private static final List<Setting> STEP_SETTINGS = List.of(Schedule.LEARNING_RATE, Schedules.SCHEDULE,
            Schedule.DECAY_RATE, Schedule.DECAY_EVERY, Schedule.WARMUP);

    /**
     * The optimizer the values choose; {@code auto} picks gd when a learning rate or schedule is given (what
     * such a run always meant), adam for mini-batches and lbfgs for full batches, which needs no step size.
     */
    static OptimizerKind optimizer(SettingValues values) {
        String chosen = values.choice(OptimizerKind.OPTIMIZER);
        if (!chosen.equals(OptimizerKind.AUTO)) {
            return OptimizerKind.fromId(chosen);
        }
        if (STEP_SETTINGS.stream().anyMatch(values::isSet)) {
            return OptimizerKind.GD;
        }
        return values.real(BATCH_FRACTION) < 1 ? OptimizerKind.ADAM : OptimizerKind.LBFGS;
    }

    /**
     * The values with the run's own choices written in: the optimizer {@code auto} stands for, and that
     * optimizer's learning rate where it is 0; so that provenance and checkpoints record what ran.
     */
    static SettingValues resolved(SettingValues values) {
        OptimizerKind kind = optimizer(values);
        SettingValues resolved = values.with(OptimizerKind.OPTIMIZER, kind.id());
        if (kind.scheduled() && values.real(Schedule.LEARNING_RATE) == 0) {
            resolved = resolved.with(Schedule.LEARNING_RATE, kind.defaultRate());
        }
        return resolved;
    }

    /** The loss the values choose, or null for the task's. */
    static Loss loss(SettingValues values) {
        String loss = values.choice(LOSS);
        return loss.equals(AUTO) ? null : Loss.fromId(loss);
    }

    /**
     * The network for a task, its output layer chosen by the task and loss: one sigmoid unit for two classes,
     * k softmax units for k classes (k sigmoid units with squared loss), one identity unit for regression.
     *
     * @param classes the number of classes (ignored for regression)
     * @throws SettingException naming {@code hidden} when no array can hold its weights
     */
    static Network network(SettingValues values, int inputs, Task task, int classes) {
        try {
            return networkOf(values, inputs, task, classes);
        } catch (IllegalArgumentException e) {
            int[] hidden = values.sizes(HIDDEN);
            throw new SettingException("hidden", "a network of " + inputs + " inputs and hidden layers "
                    + (hidden.length == 0 ? "none" : "{hidden} " + Setting.format(hidden)) + " cannot be built ("
                    + e.getMessage() + "): choose smaller {hidden} or fewer features");
        }
    }

    private static Network networkOf(SettingValues values, int inputs, Task task, int classes) {
        Loss chosen = loss(values);
        Loss loss = chosen != null ? chosen : task == Task.REGRESSION ? Loss.SQUARED : Loss.CROSS_ENTROPY;
        Activation hidden = Activation.fromId(values.choice(ACTIVATION));
        int[] sizes = values.sizes(HIDDEN);
        if (task == Task.REGRESSION) {
            return Network.of(inputs, sizes, hidden, 1, Activation.IDENTITY, loss);
        }
        Activation output = loss == Loss.CROSS_ENTROPY && classes > 2 ? Activation.SOFTMAX : Activation.SIGMOID;
        return Network.of(inputs, sizes, hidden, classes == 2 ? 1 : classes, output, loss);
    }
}
