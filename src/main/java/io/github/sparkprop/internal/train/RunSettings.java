package io.github.sparkprop.internal.train;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.ColumnChoice;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.Setting.Face;
import io.github.sparkprop.internal.optim.Setting.Range;
import java.util.Arrays;
import java.util.List;

/**
 * The settings of a run beside the training ones: its columns, its held-out rows, the model it starts from and its
 * checkpoints. The Spark ML face binds the label and feature columns to its own labelCol and featuresCol, and
 * offers the validation rows as an indicator column.
 */
public final class RunSettings {

    public static final Setting LABEL = Setting.text("label", "label", "COL", "The label column.")
            .only(Face.COMMAND_LINE);
    public static final Setting FEATURES = Setting.names("features", "COLS", "The feature columns, comma-separated, in "
            + "order: names, prefixes ending in * (p*), ranges (p0..p783), or one vector column; each takes the role "
            + "its values give it (see maxCategories), and one that cannot be used is an error. Default: every other "
            + "column that holds numbers, booleans, dates, timestamps or at most maxCategories distinct values (the "
            + "others are left out, and the log says why), or the one vector column.").only(Face.COMMAND_LINE);
    public static final Setting MAX_CATEGORIES = Setting.integer("maxCategories", ColumnChoice.DEFAULT_MAX_CATEGORIES,
            Range.between(1, ColumnChoice.MAX_CATEGORIES), "K", "A text column with at most K distinct values is a "
                    + "categorical feature, one-hot encoded (an input per category, categories sorted and kept in the "
                    + "model); one with more keeps its K most frequent values and one input for the others, unless "
                    + "its values are mostly distinct (names, ids, free text: left out). A category not seen in "
                    + "training is scored as none of the known ones (or as one of the others). A boolean column is one "
                    + "input (1 true, 0 false), a date two (year, day of the year), a timestamp three (year, day of "
                    + "the year, hour of the day, UTC).").only(Face.COMMAND_LINE);
    public static final Setting CATEGORICAL = Setting.names("categorical", "COLS", "Columns that are categorical "
            + "features whatever they hold (integer codes, say), in the forms of features; each may have at most "
            + "maxCategories distinct values.").only(Face.COMMAND_LINE);
    public static final Setting EXCLUDE = Setting.names("exclude", "COLS",
            "Columns that are never features (ids, leaks), in the forms of features.").only(Face.COMMAND_LINE);
    public static final Setting IMPUTE = Setting.choice("impute", ColumnChoice.Impute.DEFAULT.id(),
            List.of(ColumnChoice.Impute.MEAN.id(), ColumnChoice.Impute.MEDIAN.id()), "Fill in a missing value (an "
                    + "empty field, NA, N/A, NaN, NULL) with the mean or median of its column over the training rows "
                    + "(kept in the model: predict and evaluate fill in the same); a missing category is a category of "
                    + "its own. Not with handleInvalid error, which makes a missing value invalid.")
            .only(Face.COMMAND_LINE);
    public static final Setting WEIGHT = Setting.text("weight", null, "COL",
            "A column of instance weights (>= 0): the loss becomes the weighted average.");
    public static final Setting CLASS_WEIGHTS = Setting.text("classWeights", null, "balanced|W0,W1,...",
            "Weights per class for imbalanced data: balanced (m / (k m_c) for class c) or one weight per class in "
                    + "label order; multiplied into the instance weights.").only(Face.COMMAND_LINE);
    public static final Setting TASK = Setting.choice("task", Task.CLASSIFICATION.id(),
            Arrays.stream(Task.values()).map(Task::id).toList(), "classification (labels are classes) or regression "
                    + "(labels are numbers); a model to start from keeps its own.").only(Face.COMMAND_LINE);

    public static final Setting VALIDATION_FRACTION = Setting.real("validationFraction", 0,
            new Range(0, true, 1, false), "F", "Hold out a seeded fraction F of the input rows for validation (the same rows whatever the "
                    + "partitioning).").only(Face.COMMAND_LINE);
    public static final Setting VALIDATION = Setting.paths("validation", "PATH",
            "Validation data in files of their own (instead of validationFraction).").only(Face.COMMAND_LINE);
    public static final Setting VALIDATION_INDICATOR = Setting.text("validationIndicator", null, "COL",
            "Boolean column: true for the rows to validate on (scored every evalEvery iterations, in the summary, "
                    + "used by early stopping), false for the rows to train on.").only(Face.SPARK_ML);
    public static final Setting TEST_FRACTION = Setting.real("testFraction", 0, new Range(0, true, 1, false), "F",
            "Hold out a seeded fraction F of the input rows as test data, scored once with the final model (instead "
                    + "of test).").only(Face.COMMAND_LINE);
    public static final Setting TEST = Setting.paths("test", "PATH",
            "Held-out data scored once with the final model (never used in training).")
            .runtime().only(Face.COMMAND_LINE);

    public static final Setting INIT_MODEL = Setting.text("initModel", null, "DIR", "Start from a saved model's "
            + "weights (fine-tuning); its layers, features, labels and scaler are kept: network settings that agree "
            + "with it may be given, others are refused.").only(Face.COMMAND_LINE);
    public static final Setting CHECKPOINT_DIR = Setting.text("checkpointDir", null, "PATH", "Where to write "
            + "checkpoints (weights, optimizer state, history), on any Hadoop file system; the Spark ML estimators "
            + "write each fit's in a directory of its own, named after its params and data, which a fit of the same "
            + "params and data resumes.").runtime();
    public static final Setting RESUME = Setting.flag("resume", "Continue the run whose checkpoints are in "
            + "checkpointDir (the same settings, but the adjustable ones may change); starts from iteration 1 when "
            + "there is none yet.").runtime().only(Face.COMMAND_LINE);

    private RunSettings() {
    }

    /** The run's settings, grouped: its columns, its held-out rows, its start and its checkpoints. */
    static List<Setting.Section> sections() {
        return List.of(new Setting.Section("Columns", List.of(LABEL, FEATURES, MAX_CATEGORIES, CATEGORICAL, EXCLUDE,
                        IMPUTE, WEIGHT, CLASS_WEIGHTS, TASK)),
                new Setting.Section("Held-out rows", List.of(VALIDATION_FRACTION, VALIDATION, VALIDATION_INDICATOR,
                        TEST_FRACTION, TEST)),
                new Setting.Section("Start and checkpoints", List.of(INIT_MODEL, CHECKPOINT_DIR, RESUME)));
    }
}
