package io.github.sparkprop.cli;

import io.github.sparkprop.Task;
import io.github.sparkprop.console.SparkOptions;
import io.github.sparkprop.data.ClassWeights;
import io.github.sparkprop.data.ColumnChoice;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.model.ModelStore;
import io.github.sparkprop.train.Preflight;
import io.github.sparkprop.train.TrainingJob;
import io.github.sparkprop.train.TrainingResult;
import io.github.sparkprop.train.TrainingSettings;
import io.github.sparkprop.train.TrainingSpec;
import io.github.sparkprop.train.TrainingSpec.Checkpoints;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparkprop train}: binds its options to a {@link TrainingSpec}, runs the {@link TrainingJob}, saves the
 * model and prints the figures. The network, optimizer and loop options are the core's training settings
 * ({@link SettingOptions}).
 */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Trains a feed-forward network (or logistic, softmax or linear regression) on Spark and saves it.",
            "",
            "Without --hidden it trains logistic regression (two classes), softmax regression (more classes) "
                    + "or, with --task regression, linear regression. Every iteration is one distributed pass over "
                    + "the cached data (the exact full-batch gradient, or a seeded mini-batch's) and one optimizer "
                    + "step; L-BFGS takes one pass per line-search trial.",
            ""},
        footer = {"", "Example (MNIST, one hidden layer of 128 relu units):",
            "  sparkprop train --input data/mnist-train-8k.csv.gz --hidden 128 \\",
            "      --standardize --iterations 200 --test data/mnist-test-2k.csv.gz \\",
            "      --output models/mnist-mlp",
            "", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure."})
public final class TrainCommand implements Callable<Integer> {

    private CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "label",
            description = "The label column. Default: ${DEFAULT-VALUE}")
    String label;

    @Option(names = "--features", paramLabel = "COLS", split = ",",
            description = "The feature columns, comma-separated, in order: names, prefixes ending in * (p*), "
                    + "ranges (p0..p783), or one vector column; each takes the role its values give it (see "
                    + "--max-categories), and one that cannot be used is an error. Default: every other column that "
                    + "holds numbers, booleans, dates, timestamps or at most --max-categories distinct values "
                    + "(the others are left out, and the log says why), or the one vector column.")
    List<String> features;

    @Option(names = "--max-categories", paramLabel = "K", defaultValue = "32",
            description = "A text column with at most K distinct values is a categorical feature, one-hot encoded "
                    + "(an input per category, categories sorted and kept in the model); one with more keeps its K "
                    + "most frequent values and one input for the others, unless its values are mostly distinct "
                    + "(names, ids, free text: left out). A category not seen in training is scored as none of the "
                    + "known ones (or as one of the others). A boolean column is one input (1 true, 0 false), a date two (year, day of "
                    + "the year), a timestamp three (year, day of the year, hour of the day, UTC). 1 to 10,000. "
                    + "Default: ${DEFAULT-VALUE}")
    int maxCategories;

    @Option(names = "--categorical", paramLabel = "COLS", split = ",",
            description = "Columns that are categorical features whatever they hold (integer codes, say), in the "
                    + "forms of --features; each may have at most --max-categories distinct values.")
    List<String> categorical;

    @Option(names = "--exclude", paramLabel = "COLS", split = ",",
            description = "Columns that are never features (ids, leaks), in the forms of --features.")
    List<String> exclude;

    @Option(names = "--impute", paramLabel = "mean|median",
            description = "Fill in a missing value (an empty field, NA, N/A, NaN, NULL) with the mean or median of its "
                    + "column over the training rows (kept in the model: predict and evaluate fill in the same); a "
                    + "missing category is a category of its own. Default: mean, unless --handle-invalid error, which "
                    + "makes a missing value invalid.")
    String impute;

    @Option(names = "--weight", paramLabel = "COL",
            description = "A column of instance weights (>= 0): the loss becomes the weighted average.")
    String weight;

    @Option(names = "--class-weights", paramLabel = "balanced|W0,W1,...",
            description = "Weights per class for imbalanced data: balanced (m / (k m_c) for class c) or one weight "
                    + "per class in label order; multiplied into the instance weights.")
    String classWeights;

    @Option(names = "--task", paramLabel = "classification|regression", converter = Converters.TaskName.class,
            description = "classification (labels are classes) or regression (labels are numbers). "
                    + "Default: classification, or the --init-model's task.")
    Task task;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0",
            description = "Hold out a seeded fraction F of the input rows for validation (the same rows whatever "
                    + "the partitioning). Default: ${DEFAULT-VALUE}")
    double validationFraction;

    @Option(names = "--validation", paramLabel = "PATH",
            description = "Validation data in a file of their own (instead of --validation-fraction).")
    List<String> validation;

    @Option(names = "--test", paramLabel = "PATH",
            description = "Held-out data scored once with the final model (never used in training).")
    List<String> test;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0",
            description = "Hold out a seeded fraction F of the input rows as test data, scored once with the final "
                    + "model (instead of --test). Default: ${DEFAULT-VALUE}")
    double testFraction;

    @Option(names = "--init-model", paramLabel = "DIR",
            description = "Start from a saved model's weights (fine-tuning); its layers, features, labels and "
                    + "scaler are kept: network options that agree with it may be given, others are refused.")
    String initModel;

    @Option(names = "--checkpoint-dir", paramLabel = "PATH",
            description = "Write checkpoints (weights, optimizer state, history) here, on any Hadoop file system.")
    String checkpointDir;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Continue the run whose checkpoints are in --checkpoint-dir (the same options, but "
                    + "--learning-rate and --iterations may change); starts from iteration 1 when there is none "
                    + "yet.")
    boolean resume;

    @Option(names = "--output", required = true, paramLabel = "MODEL_DIR",
            description = "Where to save the model (model.json, weights.safetensors, history.csv, loss.png).")
    String output;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Replace an existing --output.")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    /** Picocli hands over the command's model on construction: the training settings' options join it. */
    @Spec
    void install(CommandSpec commandSpec) {
        this.spec = commandSpec;
        SettingOptions.install(commandSpec, TrainingSettings.sections());
    }

    @Override
    public Integer call() {
        TrainingSpec training = trainingSpec();
        org.apache.hadoop.conf.Configuration files = sparkOptions.hadoopConfiguration();
        ModelStore.checkWritable(output, overwrite, files);
        Preflight.check(training, files);
        SparkSession spark = sparkOptions.session();
        ModelStore.checkWritable(output, overwrite, spark.sparkContext().hadoopConfiguration());
        try (TrainingJob job = TrainingJob.prepare(spark, training)) {
            TrainingResult result = job.run();
            ModelStore.save(result.model(), output, overwrite, result.files(),
                    spark.sparkContext().hadoopConfiguration());
            report(result);
        }
        return 0;
    }

    /** The options as a training specification (checked there: its errors name the options). */
    private TrainingSpec trainingSpec() {
        TrainingSpec.Files files = new TrainingSpec.Files(data.input, data.format(), data.csv(), data.handleInvalid(),
                data.partitions, validation, test);
        Checkpoints checkpoints = new Checkpoints(checkpointDir, resume ? Checkpoints.Mode.RESUME
                : checkpointDir != null && overwrite ? Checkpoints.Mode.REPLACE : Checkpoints.Mode.NEW);
        ColumnChoice choice = new ColumnChoice(categorical, exclude, maxCategories,
                impute == null ? null : ColumnChoice.Impute.fromId(impute));
        return new TrainingSpec(files, new TrainingSpec.Columns(label, features, weight,
                classWeights == null ? null : ClassWeights.parse(classWeights), choice), task, initModel,
                SettingOptions.values(spec, spec.commandLine().getParseResult(), TrainingSettings.all()),
                validationFraction, testFraction, checkpoints);
    }

    private void report(TrainingResult result) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trained %d iterations in %.1f s (%s); model saved to %s%n", result.run().iterations(),
                result.seconds(), result.run().stopReason(), output);
        out.println("training data: " + firstLine(result.training()));
        if (result.validation() != null) {
            out.println("validation data: " + firstLine(result.validation()));
        }
        Metrics testMetrics = result.test();
        if (testMetrics != null) {
            out.println("test data " + result.testDescription() + ":");
            out.println(testMetrics.describe());
            if (testMetrics.isClassification()) {
                out.printf("test accuracy: %.4f%n", testMetrics.accuracy());
            }
        }
        out.flush();
    }

    private static String firstLine(Metrics metrics) {
        return metrics.describe().lines().findFirst().orElse("");
    }
}
