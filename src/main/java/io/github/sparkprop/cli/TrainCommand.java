package io.github.sparkprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.data.ClassWeights;
import io.github.sparkprop.data.DataLoader;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.HoldOut;
import io.github.sparkprop.data.LabelEncoder;
import io.github.sparkprop.data.LoadedData;
import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.evaluate.Evaluator;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.Elementwise;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.model.Model;
import io.github.sparkprop.model.ModelStore;
import io.github.sparkprop.spark.TreeDepth;
import io.github.sparkprop.train.CheckpointStore;
import io.github.sparkprop.train.DistributedObjective;
import io.github.sparkprop.train.LossPlot;
import io.github.sparkprop.train.MiniBatch;
import io.github.sparkprop.train.Trainer;
import io.github.sparkprop.train.TrainingRun;
import io.github.sparkprop.train.TrainingState;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
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

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "label",
            description = "The label column. Default: ${DEFAULT-VALUE}")
    String label;

    @Option(names = "--features", paramLabel = "COLS", split = ",",
            description = "The feature columns, comma-separated, in order: names, prefixes ending in * (p*), "
                    + "ranges (p0..p783), or one vector column. Default: every other numeric column (every other "
                    + "column of a CSV), or the one vector column.")
    List<String> features;

    @Option(names = "--weight", paramLabel = "COL",
            description = "A column of instance weights (>= 0): the loss becomes the weighted average.")
    String weight;

    @Option(names = "--class-weights", paramLabel = "balanced|W0,W1,...",
            description = "Weights per class for imbalanced data: balanced (m / (k m_c) for class c) or one weight "
                    + "per class in label order; multiplied into the instance weights.")
    String classWeights;

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

    @Mixin
    OptimizerOptions optimizerOptions;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
            description = "Iterations: one step each (L-BFGS: one step and its line search). Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--batch-fraction", paramLabel = "F", defaultValue = "1.0",
            description = "Mini-batch SGD: each iteration uses a seeded fraction F of every block (row i is in "
                    + "iteration t's batch when hash(seed, t, i) < F). 1.0 is full batch. Default: ${DEFAULT-VALUE}")
    double batchFraction;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
            description = "L2 penalty (lambda/2) sum ||W||^2 on the weights, not the biases. Default: ${DEFAULT-VALUE}")
    double l2;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the initial weights, the mini-batches and the validation split. "
                    + "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--standardize", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Standardise the features to mean 0 and standard deviation 1 (population), computed "
                    + "in one pass, kept in the model and applied at prediction time.")
    boolean standardize;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0",
            description = "Hold out a seeded fraction F of the input rows for validation (the same rows whatever "
                    + "the partitioning). Default: ${DEFAULT-VALUE}")
    double validationFraction;

    @Option(names = "--validation", paramLabel = "PATH",
            description = "Validation data in a file of their own (instead of --validation-fraction).")
    List<String> validation;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "1",
            description = "Compute the validation loss and accuracy (or RMSE) every N iterations, in the same "
                    + "distributed pass as the gradient. Default: ${DEFAULT-VALUE}")
    int evalEvery;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", defaultValue = "0",
            description = "Stop when the validation loss has not improved in PATIENCE evaluations, and keep the "
                    + "weights of the best one (0: off). Default: ${DEFAULT-VALUE}")
    int patience;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0",
            description = "Stop when the loss changes by less than T relative to the previous iteration's "
                    + "(0: off). With mini-batches the losses are of different batches: use early stopping "
                    + "instead. Default: ${DEFAULT-VALUE}")
    double tolerance;

    @Option(names = "--test", paramLabel = "PATH",
            description = "Held-out data scored once with the final model (never used in training).")
    List<String> test;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0",
            description = "Hold out a seeded fraction F of the input rows as test data, scored once with the final "
                    + "model (instead of --test). Default: ${DEFAULT-VALUE}")
    double testFraction;

    @Option(names = "--init-model", paramLabel = "DIR",
            description = "Start from a saved model's weights (fine-tuning); its layers, features, labels and "
                    + "scaler are kept.")
    String initModel;

    @Option(names = "--checkpoint-dir", paramLabel = "PATH",
            description = "Write checkpoints (weights, optimizer state, history) here, on any Hadoop file system.")
    String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "10",
            description = "A checkpoint every N iterations (and at the end). Default: ${DEFAULT-VALUE}")
    int checkpointEvery;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Continue the run whose checkpoints are in --checkpoint-dir (the same options, but "
                    + "--learning-rate and --iterations may change); starts from iteration 1 when there is none "
                    + "yet.")
    boolean resume;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "0",
            description = "A progress line every N iterations (0: about 25 per run). Default: ${DEFAULT-VALUE}")
    int logEvery;

    @Option(names = "--tree-depth", paramLabel = "D", defaultValue = "0",
            description = "Depth of the treeAggregate that merges the per-task gradient sums (0: 2 up to 256 "
                    + "partitions, 3 up to 4,096, ...). Default: ${DEFAULT-VALUE}")
    int treeDepth;

    @Option(names = "--output", required = true, paramLabel = "MODEL_DIR",
            description = "Where to save the model (model.json, weights.safetensors, history.csv, loss.png).")
    String output;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Replace an existing --output.")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        checkOptions();
        SparkSession spark = sparkOptions.session();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = context.hadoopConfiguration();
        ModelStore.checkWritable(output, overwrite, conf);
        Model init = initModel == null ? null : ModelStore.load(initModel, conf);
        LOG.info("Spark {} on {}, BLAS {}, activations {}", spark.version(), context.master(), Blas.implementation(),
                Elementwise.implementation());

        ClassWeights perClass = classWeights == null ? null : ClassWeights.parse(classWeights);
        boolean rowIds = batchFraction < 1; // only mini-batches need them
        DataSpec dataSpec = init == null
                ? new DataSpec(data.input, data.format(), data.csv(), label, features, weight, task, null, null,
                        standardize, data.skipInvalid(), data.partitions, holdOut(), perClass, 0, rowIds)
                : new DataSpec(data.input, data.format(), data.csv(), label, init.inputColumns(), weight, init.task(),
                        init.task() == Task.CLASSIFICATION ? LabelEncoder.ofLabels(init.labels()) : null,
                        init.scaler(), false, data.skipInvalid(), data.partitions, holdOut(), perClass,
                        init.vectorColumn() != null ? init.network().inputSize() : 0, rowIds);
        List<LoadedData> loaded = new ArrayList<>();
        try {
            LoadedData train = load(spark, dataSpec, loaded);
            JavaRDD<SampleBlock> blocks = train.blocks();
            if (validation != null) {
                blocks = blocks.union(load(spark, dataSpec.withPaths(validation, train.encoder(), train.scaler(),
                        train.features(), true), loaded).blocks());
            }
            LoadedData testData = test == null ? null : load(spark, dataSpec.withPaths(test, train.encoder(),
                    train.scaler(), train.features(), false), loaded);
            Network network = init != null ? init.network() : network(train);
            requireSameInputs(network, train);
            LOG.info("network {}: {} parameters", network, String.format("%,d", network.parameterCount()));
            int depth = treeDepth > 0 ? treeDepth : TreeDepth.forPartitions(blocks.getNumPartitions());
            List<String> labels = train.encoder() == null ? null : train.encoder().labels();
            boolean validating = validation != null || validationFraction > 0;
            DistributedObjective objective = new DistributedObjective(context, blocks, network, new L2Penalty(l2),
                    depth, new MiniBatch(seed, batchFraction),
                    validating ? new DistributedObjective.Validation(evalEvery, labels)
                            : DistributedObjective.Validation.NONE);
            ObjectNode settings = settings(network, train);
            CheckpointStore checkpoints = checkpoints(settings, conf);
            TrainingState from = startingPoint(checkpoints, init != null ? init.weights()
                    : WeightInit.initialize(network, seed));

            long start = System.nanoTime();
            TrainingRun run = new Trainer(objective, optimizerOptions.build(iterations),
                    new Trainer.Settings(iterations, tolerance, patience, checkpointEvery, logEvery), checkpoints)
                    .run(from);
            double seconds = (System.nanoTime() - start) / 1e9;

            Evaluator.Final metrics = Evaluator.ofTrainingAndValidation(context, blocks, network, run.weights(),
                    labels, depth, validating);
            Metrics trainMetrics = metrics.training();
            Metrics validationMetrics = metrics.validation();
            Metrics testMetrics = testData != null ? Evaluator.evaluate(context, testData.blocks(), network,
                    run.weights(), labels, depth, testData.description())
                    : testFraction > 0 ? Evaluator.evaluate(context, blocks.filter(SampleBlock::isTest), network,
                            run.weights(), labels, depth, "test rows") : null;

            ObjectNode training = provenance(settings, run, seconds, train);
            putMetrics(training, "trainMetrics", trainMetrics);
            putMetrics(training, "validationMetrics", validationMetrics);
            putMetrics(training, "testMetrics", testMetrics);
            Model model = new Model(network, run.weights(), dataSpec.task(), labels,
                    train.features().isVector() ? null : train.features().names(),
                    train.features().vectorColumn(), train.scaler(), training);
            ModelStore.save(model, output, overwrite, Map.of(
                    "history.csv", run.historyCsv().getBytes(StandardCharsets.UTF_8),
                    "loss.png", LossPlot.png(run.history())), conf);
            report(run, seconds, trainMetrics, validationMetrics, testMetrics);
        } finally {
            loaded.forEach(LoadedData::release);
        }
        return 0;
    }

    private static LoadedData load(SparkSession spark, DataSpec spec, List<LoadedData> loaded) {
        LoadedData data = DataLoader.load(spark, spec);
        loaded.add(data);
        return data;
    }

    private HoldOut holdOut() {
        return new HoldOut(seed, validationFraction, testFraction);
    }

    private void checkOptions() {
        require(data.partitions >= 0, "--partitions must be >= 0, got " + data.partitions);
        require(iterations >= 1, "--iterations must be >= 1, got " + iterations);
        require(l2 >= 0 && Double.isFinite(l2), "--l2 must be >= 0, got " + l2);
        require(treeDepth >= 0, "--tree-depth must be >= 0, got " + treeDepth);
        require(batchFraction > 0 && batchFraction <= 1, "--batch-fraction must be in (0, 1], got " + batchFraction);
        require(validationFraction >= 0 && validationFraction < 1,
                "--validation-fraction must be in [0, 1), got " + validationFraction);
        require(validation == null || validationFraction == 0,
                "give --validation PATH or --validation-fraction F, not both");
        require(testFraction >= 0 && testFraction < 1 && validationFraction + testFraction < 1,
                "--test-fraction must be in [0, 1), and less than 1 with --validation-fraction; got " + testFraction);
        require(test == null || testFraction == 0, "give --test PATH or --test-fraction F, not both");
        require(evalEvery >= 1, "--eval-every must be >= 1, got " + evalEvery);
        require(patience >= 0, "--early-stopping must be >= 0, got " + patience);
        require(patience == 0 || validation != null || validationFraction > 0,
                "--early-stopping needs validation data: --validation-fraction F or --validation PATH");
        require(tolerance >= 0 && Double.isFinite(tolerance), "--tolerance must be >= 0, got " + tolerance);
        require(checkpointEvery >= 1, "--checkpoint-every must be >= 1, got " + checkpointEvery);
        require(!resume || checkpointDir != null, "--resume needs --checkpoint-dir");
        require(logEvery >= 0, "--log-every must be >= 0, got " + logEvery);
        require(!optimizerOptions.isLbfgs() || batchFraction == 1,
                "--optimizer lbfgs needs full batches (--batch-fraction 1): its line search compares losses of "
                        + "the same data");
        for (int size : hidden) {
            require(size >= 1, "--hidden sizes must be >= 1, got " + size);
        }
        if (task == Task.REGRESSION && loss == Loss.CROSS_ENTROPY) {
            throw new InputException("--loss cross-entropy needs --task classification; regression uses squared");
        }
        optimizerOptions.build(iterations);
        if (initModel != null) {
            for (String option : new String[] {"--hidden", "--activation", "--loss", "--task", "--features",
                "--standardize"}) {
                require(!spec.commandLine().getParseResult().hasMatchedOption(option), option
                        + " cannot be combined with --init-model: the network, features and scaling are the model's");
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InputException(message);
        }
    }

    private Network network(LoadedData train) {
        return Network.forTask(train.features().count(), hidden, activation, task,
                task == Task.REGRESSION ? 0 : train.encoder().size(), loss);
    }

    /** The input columns must be the network's: a --init-model's features, or the data's. */
    private static void requireSameInputs(Network network, LoadedData train) {
        if (network.inputSize() != train.features().count()) {
            throw new InputException("the network takes " + network.inputSize() + " features, " + train.description()
                    + " has " + train.features().count());
        }
    }

    /** The checkpoint store, refusing a directory with another run's checkpoints unless resuming or overwriting. */
    private CheckpointStore checkpoints(ObjectNode settings, Configuration conf) {
        if (checkpointDir == null) {
            return null;
        }
        CheckpointStore store = new CheckpointStore(checkpointDir, conf, settings);
        if (!resume && store.hasCheckpoints()) {
            if (!overwrite) {
                throw new InputException("--checkpoint-dir " + checkpointDir + " holds checkpoints of an earlier run; "
                        + "add --resume to continue it, or --overwrite to start again");
            }
            store.deleteAll();
        }
        return store;
    }

    private TrainingState startingPoint(CheckpointStore checkpoints, double[] initial) {
        TrainingState state = resume ? checkpoints.loadLatest() : null;
        if (resume && state == null) {
            LOG.info("no checkpoint in {} yet: starting from iteration 1", checkpointDir);
        }
        return state != null ? state : TrainingState.start(initial);
    }

    /** The settings that determine the result: a checkpoint resumes only a run with the same ones. */
    private ObjectNode settings(Network network, LoadedData train) {
        ObjectNode settings = JSON.createObjectNode();
        settings.putPOJO("input", data.input);
        settings.put("label", label);
        if (features != null) {
            settings.putPOJO("features", features);
        }
        settings.put("header", !data.noHeader);
        settings.put("csvDelimiter", data.delimiter);
        settings.put("handleInvalid", data.handleInvalid);
        if (data.format != null) {
            settings.put("format", data.format);
        }
        if (weight != null) {
            settings.put("weight", weight);
        }
        if (classWeights != null) {
            settings.put("classWeights", classWeights);
        }
        settings.putPOJO("layers", network.layers());
        settings.put("network", network.toString());
        optimizerOptions.describe(settings);
        settings.put("iterations", iterations);
        settings.put("batchFraction", batchFraction);
        settings.put("l2", l2);
        settings.put("seed", seed);
        settings.put("standardize", train.scaler() != null);
        settings.put("validationFraction", validationFraction);
        settings.put("testFraction", testFraction);
        if (validation != null) {
            settings.putPOJO("validation", validation);
        }
        settings.put("evalEvery", evalEvery);
        settings.put("earlyStopping", patience);
        settings.put("tolerance", tolerance);
        if (initModel != null) {
            settings.put("initModel", initModel);
        }
        settings.put("trainingRows", train.rows());
        return settings;
    }

    private ObjectNode provenance(ObjectNode settings, TrainingRun run, double seconds, LoadedData train) {
        ObjectNode training = JSON.createObjectNode();
        training.put("sparkpropVersion", Version.get());
        training.put("finishedAt", Instant.now().toString());
        training.put("label", label);
        training.put("rows", train.rows());
        training.put("skippedRows", train.skipped());
        training.set("settings", settings);
        training.put("partitions", train.blocks().getNumPartitions());
        training.put("iterationsRun", run.iterations());
        training.put("stopReason", run.stopReason());
        training.put("seconds", seconds);
        return training;
    }

    private static void putMetrics(ObjectNode training, String field, Metrics metrics) {
        if (metrics != null) {
            training.set(field, JSON.valueToTree(metrics.asMap()));
        }
    }

    private void report(TrainingRun run, double seconds, Metrics trainMetrics, Metrics validationMetrics,
            Metrics testMetrics) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trained %d iterations in %.1f s (%s); model saved to %s%n", run.iterations(), seconds,
                run.stopReason(), output);
        out.println("training data: " + trainMetrics.describe().lines().findFirst().orElse(""));
        if (validationMetrics != null) {
            out.println("validation data: " + validationMetrics.describe().lines().findFirst().orElse(""));
        }
        if (testMetrics != null) {
            out.println("test data " + (test != null ? String.join(",", test) : "(" + testFraction + " of the input)")
                    + ":");
            out.println(testMetrics.describe());
            if (testMetrics.isClassification()) {
                out.printf("test accuracy: %.4f%n", testMetrics.accuracy());
            }
        }
        out.flush();
    }
}
