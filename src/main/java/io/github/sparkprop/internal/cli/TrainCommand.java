package io.github.sparkprop.internal.cli;

import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.Preflight;
import io.github.sparkprop.internal.train.RunSettings;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.internal.train.TrainingSpec;
import io.github.sparkprop.internal.train.TrainingSpec.Checkpoints;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparkprop train}: binds its options to a {@link TrainingSpec}, runs the {@link TrainingJob}, saves the
 * model and prints the figures. Its options but --output and --overwrite are the core's settings of a run
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

    @Option(names = "--output", required = true, paramLabel = "MODEL_DIR",
            description = "Where to save the model (model.json, weights.safetensors, history.csv, loss.png).")
    String output;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Replace an existing --output.")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    /** Picocli hands over the command's model on construction: the options of a run's settings join it. */
    @Spec
    void install(CommandSpec commandSpec) {
        this.spec = commandSpec;
        SettingOptions.install(commandSpec, TrainingSpec.sections());
    }

    @Override
    public Integer call() {
        TrainingSpec training = trainingSpec();
        org.apache.hadoop.conf.Configuration files = sparkOptions.hadoopConfiguration();
        ModelStore.checkWritable(output, overwrite, files);
        if (training.checkpoints().dir() != null) {
            ModelStore.requireApart(output, training.checkpoints().dir(), RunSettings.CHECKPOINT_DIR.key(), files);
        }
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

    /**
     * The options as a training specification (checked there: its errors name the options); an existing checkpoint
     * directory is resumed with --resume, or replaced with --overwrite.
     */
    private TrainingSpec trainingSpec() {
        SettingValues values = SettingOptions.values(spec, TrainingSpec.sections());
        boolean checkpoints = values.text(RunSettings.CHECKPOINT_DIR) != null;
        return TrainingSpec.ofFiles(values, values.flag(RunSettings.RESUME) ? Checkpoints.Mode.RESUME
                : checkpoints && overwrite ? Checkpoints.Mode.REPLACE : Checkpoints.Mode.NEW);
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
