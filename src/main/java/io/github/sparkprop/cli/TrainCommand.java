package io.github.sparkprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.data.DataLoader;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.LoadedData;
import io.github.sparkprop.evaluate.Evaluator;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.model.Model;
import io.github.sparkprop.model.ModelStore;
import io.github.sparkprop.optim.GradientDescent;
import io.github.sparkprop.train.DistributedObjective;
import io.github.sparkprop.train.IterationRecord;
import io.github.sparkprop.train.Trainer;
import io.github.sparkprop.train.TrainingRun;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparkprop train}: trains a network by distributed full-batch gradient descent and saves it. */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Trains a feed-forward network (or logistic, softmax or linear regression) on Spark and saves it.",
            "",
            "Without --hidden it trains logistic regression (two classes), softmax regression (more classes) "
                    + "or, with --task regression, linear regression. Every iteration is one pass over the "
                    + "cached data: the exact full-batch gradient, then one gradient-descent step.",
            ""},
        footer = {"", "Example (MNIST, one hidden layer of 128 relu units):",
            "  sparkprop train --input data/mnist-train-8k.csv.gz --hidden 128 \\",
            "      --standardize --iterations 200 --test data/mnist-test-2k.csv.gz \\",
            "      --output models/mnist-mlp",
            "", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure."})
public final class TrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "label",
            description = "The label column. Default: ${DEFAULT-VALUE}")
    String label;

    @Option(names = "--features", paramLabel = "COLS", split = ",",
            description = "The feature columns, comma-separated, in order. Default: every column but the label.")
    List<String> features;

    @Option(names = "--task", paramLabel = "classification|regression", defaultValue = "classification",
            converter = Converters.TaskName.class,
            description = "classification (labels are classes) or regression (labels are numbers). "
                    + "Default: ${DEFAULT-VALUE}")
    Task task;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",",
            description = "Hidden layer sizes, e.g. 128,64. Default: none (a linear model).")
    int[] hidden = new int[0];

    @Option(names = "--activation", paramLabel = "relu|tanh|sigmoid|identity", defaultValue = "relu",
            converter = Converters.HiddenActivation.class,
            description = "Activation of the hidden layers. Default: ${DEFAULT-VALUE}")
    Activation activation;

    @Option(names = "--loss", paramLabel = "cross-entropy|squared", converter = Converters.LossName.class,
            description = "Loss. Default: cross-entropy for classification, squared for regression.")
    Loss loss;

    @Option(names = "--learning-rate", paramLabel = "A", defaultValue = "0.1",
            description = "Step size alpha of gradient descent. Default: ${DEFAULT-VALUE}")
    double learningRate;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
            description = "Iterations, each one pass over the data. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
            description = "L2 penalty (lambda/2) sum ||W||^2 on the weights, not the biases. Default: ${DEFAULT-VALUE}")
    double l2;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the initial weights. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--standardize",
            description = "Standardise the features to mean 0 and standard deviation 1 (population), computed "
                    + "in one pass, kept in the model and applied at prediction time.")
    boolean standardize;

    @Option(names = "--test", paramLabel = "PATH", split = ",",
            description = "Held-out data scored once with the final model (never used in training).")
    List<String> test;

    @Option(names = "--tree-depth", paramLabel = "D", defaultValue = "2",
            description = "Depth of treeAggregate that merges the per-task gradient sums. Default: ${DEFAULT-VALUE}")
    int treeDepth;

    @Option(names = "--output", required = true, paramLabel = "MODEL_DIR",
            description = "Where to save the model (model.json, weights.safetensors, history.csv).")
    String output;

    @Option(names = "--overwrite", description = "Replace an existing --output.")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        checkOptions();
        SparkSession spark = sparkOptions.session();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelStore.checkWritable(output, overwrite, context.hadoopConfiguration());
        LOG.info("Spark {} on {}, BLAS {}", spark.version(), context.master(), Blas.implementation());

        DataSpec dataSpec = new DataSpec(data.input, data.csv(), label, features, task, null, null, standardize,
                data.skipInvalid(), data.partitions);
        LoadedData train = DataLoader.load(spark, dataSpec);
        try {
            Network network = network(train);
            LOG.info("network {}: {} parameters", network, String.format("%,d", network.parameterCount()));
            DistributedObjective objective = new DistributedObjective(context, train.blocks(), network,
                    new L2Penalty(l2), treeDepth);
            long start = System.nanoTime();
            TrainingRun run = Trainer.run(objective, WeightInit.initialize(network, seed),
                    new GradientDescent(learningRate), iterations);
            double seconds = (System.nanoTime() - start) / 1e9;
            Metrics trainMetrics = Evaluator.evaluate(context, train, network, run.weights(), treeDepth);
            Metrics testMetrics = test == null ? null : score(spark, context, dataSpec, train, network, run.weights());

            Model model = new Model(network, run.weights(), task, train.encoder() == null ? null
                    : train.encoder().labels(), train.features(), train.scaler(),
                    provenance(run, seconds, trainMetrics, testMetrics, train));
            ModelStore.save(model, output, overwrite, Map.of("history.csv", historyCsv(run)),
                    context.hadoopConfiguration());
            report(run, seconds, trainMetrics, testMetrics);
        } finally {
            train.release();
        }
        return 0;
    }

    private void checkOptions() {
        require(data.partitions >= 0, "--partitions must be >= 0, got " + data.partitions);
        require(iterations >= 1, "--iterations must be >= 1, got " + iterations);
        require(learningRate > 0 && Double.isFinite(learningRate), "--learning-rate must be > 0, got " + learningRate);
        require(l2 >= 0 && Double.isFinite(l2), "--l2 must be >= 0, got " + l2);
        require(treeDepth >= 1, "--tree-depth must be >= 1, got " + treeDepth);
        for (int size : hidden) {
            require(size >= 1, "--hidden sizes must be >= 1, got " + size);
        }
        if (task == Task.REGRESSION && loss == Loss.CROSS_ENTROPY) {
            throw new InputException("--loss cross-entropy needs --task classification; regression uses squared");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InputException(message);
        }
    }

    /**
     * The output layer follows the task: one sigmoid unit for two classes, k softmax units for k classes
     * (k sigmoid units with squared loss), one identity unit for regression.
     */
    private Network network(LoadedData train) {
        Loss lossFunction = loss != null ? loss : task == Task.REGRESSION ? Loss.SQUARED : Loss.CROSS_ENTROPY;
        int outputs;
        Activation output;
        if (task == Task.REGRESSION) {
            outputs = 1;
            output = Activation.IDENTITY;
        } else {
            int classes = train.encoder().size();
            outputs = classes == 2 ? 1 : classes;
            output = lossFunction == Loss.CROSS_ENTROPY && classes > 2 ? Activation.SOFTMAX : Activation.SIGMOID;
        }
        return Network.of(train.features().size(), hidden, activation, outputs, output, lossFunction);
    }

    private Metrics score(SparkSession spark, JavaSparkContext context, DataSpec dataSpec, LoadedData train,
            Network network, double[] w) {
        LoadedData testData = DataLoader.load(spark, dataSpec.withPaths(test, train.encoder(), train.scaler(),
                train.features()));
        try {
            return Evaluator.evaluate(context, testData, network, w, treeDepth);
        } finally {
            testData.release();
        }
    }

    private ObjectNode provenance(TrainingRun run, double seconds, Metrics trainMetrics, Metrics testMetrics,
            LoadedData train) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode training = json.createObjectNode();
        training.put("sparkpropVersion", Version.get());
        training.put("finishedAt", Instant.now().toString());
        training.putPOJO("input", data.input);
        training.put("label", label);
        training.put("rows", train.rows());
        training.put("skippedRows", train.skipped());
        ObjectNode settings = training.putObject("settings");
        settings.put("optimizer", "gd");
        settings.put("learningRate", learningRate);
        settings.put("iterations", iterations);
        settings.put("l2", l2);
        settings.put("seed", seed);
        settings.put("standardize", standardize);
        settings.put("activation", activation.id());
        settings.putPOJO("hidden", hidden);
        settings.put("partitions", train.blocks().getNumPartitions());
        training.put("iterationsRun", run.iterations());
        training.put("seconds", seconds);
        training.set("trainMetrics", json.valueToTree(trainMetrics.asMap()));
        if (testMetrics != null) {
            training.set("testMetrics", json.valueToTree(testMetrics.asMap()));
        }
        return training;
    }

    private static String historyCsv(TrainingRun run) {
        StringBuilder csv = new StringBuilder("iteration,loss,gradient_norm,seconds\n");
        for (IterationRecord r : run.history()) {
            csv.append(r.iteration()).append(',').append(r.cost()).append(',').append(r.gradientNorm()).append(',')
                    .append(r.seconds()).append('\n');
        }
        return csv.toString();
    }

    private void report(TrainingRun run, double seconds, Metrics trainMetrics, Metrics testMetrics) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trained %d iterations in %.1f s; model saved to %s%n", run.iterations(), seconds, output);
        out.println("training data: " + trainMetrics.describe().lines().findFirst().orElse(""));
        if (testMetrics != null) {
            out.println("test data " + String.join(",", test) + ":");
            out.println(testMetrics.describe());
            if (testMetrics.isClassification()) {
                out.printf("test accuracy: %.4f%n", testMetrics.accuracy());
            }
        }
        out.flush();
    }
}
