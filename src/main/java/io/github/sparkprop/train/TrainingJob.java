package io.github.sparkprop.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.JvmLimits;
import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.Version;
import io.github.sparkprop.data.CsvOptions;
import io.github.sparkprop.data.DataLoader;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.FeatureColumns;
import io.github.sparkprop.encoding.InputEncoding;
import io.github.sparkprop.data.HandleInvalid;
import io.github.sparkprop.data.HoldOut;
import io.github.sparkprop.data.InputFormat;
import io.github.sparkprop.data.LabelEncoder;
import io.github.sparkprop.data.LoadedData;
import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.data.Table;
import io.github.sparkprop.evaluate.Evaluator;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.Elementwise;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.model.Model;
import io.github.sparkprop.model.ModelStore;
import io.github.sparkprop.model.Safetensors;
import io.github.sparkprop.optim.Evaluation;
import io.github.sparkprop.optim.Schedule;
import io.github.sparkprop.optim.Setting;
import io.github.sparkprop.optim.SettingValues;
import io.github.sparkprop.train.TrainingSpec.Checkpoints;
import io.github.sparkprop.train.TrainingSpec.Files;
import io.github.sparkprop.train.TrainingSpec.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of a {@link TrainingSpec}, the same for every face: {@link #prepare} reads, validates and
 * caches the data (training, validation and test rows) and builds the network (or takes the start model's);
 * {@link #run} trains with checkpoints, scores the result and returns the model with its settings,
 * provenance and figures. {@link #close} releases the cached data.
 */
public final class TrainingJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JavaSparkContext context;
    private final TrainingSpec spec;
    private final SettingValues settings;
    private final Model init;
    private final Task task;
    private final List<LoadedData> loaded = new ArrayList<>();
    private LoadedData training;
    /** The training rows' blocks with the validation (and held-out test) rows' beside them. */
    private JavaRDD<SampleBlock> blocks;
    private LoadedData test;
    private Network network;
    private int treeDepth;

    private TrainingJob(SparkSession spark, TrainingSpec spec) {
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.spec = spec;
        this.settings = spec.settings();
        this.init = spec.initModel() == null ? null : ModelStore.load(spec.initModel(), context.hadoopConfiguration());
        if (init != null) {
            requireAgreement();
        }
        this.task = init != null ? init.task() : spec.task() != null ? spec.task() : Task.CLASSIFICATION;
    }

    /**
     * Reads, validates and caches the data of a run and builds its network.
     *
     * @throws InputException for bad input or settings (nothing stays cached)
     */
    public static TrainingJob prepare(SparkSession spark, TrainingSpec spec) {
        LOG.info("Spark {} on {}, BLAS {}, activations {}", spark.version(), spark.sparkContext().master(),
                Blas.implementation(), Elementwise.implementation());
        TrainingJob job = new TrainingJob(spark, spec);
        try {
            job.load(spark);
            return job;
        } catch (RuntimeException e) {
            job.close();
            throw e;
        }
    }

    private void load(SparkSession spark) {
        DataSpec data = dataSpec();
        int blockSize = settings.integer(TrainingSettings.BLOCK_SIZE);
        Precision precision = Precision.fromId(settings.choice(TrainingSettings.PRECISION));
        if (spec.source() instanceof Files files) {
            training = keep(DataLoader.load(spark, data, blockSize, precision));
            blocks = training.blocks();
            if (files.validation() != null) {
                blocks = blocks.union(keep(DataLoader.load(spark, heldOut(data, files.validation(), true),
                        blockSize, precision)).blocks());
            }
            test = files.test() == null ? null
                    : keep(DataLoader.load(spark, heldOut(data, files.test(), false), blockSize, precision));
        } else if (spec.source() instanceof Frame frame) {
            Dataset<Row> rows = frame.rows().toDF();
            String indicator = frame.validationIndicator();
            if (indicator != null) {
                long unmarked = rows.filter(functions.col(indicator).isNull()).count();
                if (unmarked > 0) {
                    throw new SettingException("validationIndicator", "{validationIndicator} " + indicator
                            + " is null in " + unmarked + " rows; mark every row true (validation) or false "
                            + "(training)");
                }
            }
            Column[] columns = frameColumns();
            Dataset<Row> trainingRows = indicator == null ? rows : rows.filter(functions.not(functions.col(indicator)));
            training = keep(DataLoader.load(spark, Table.of(trainingRows.select(columns), frame.description()), data,
                    blockSize, precision));
            blocks = training.blocks();
            if (indicator != null) {
                String description = "the DataFrame's validation rows";
                blocks = blocks.union(keep(DataLoader.load(spark, Table.of(rows.filter(functions.col(indicator))
                        .select(columns), description), heldOut(data, List.of(description), true), blockSize,
                        precision)).blocks());
            }
        }
        network = init != null ? init.network() : newNetwork();
        requireDriverMemory();
        requireBlockArrays();
        if (network.inputSize() != training.features().count()) {
            throw new InputException("the network takes " + network.inputSize() + " features, "
                    + training.description() + " has " + training.features().count());
        }
        LOG.info("network {}: {} parameters", network, String.format("%,d", network.parameterCount()));
        treeDepth = settings.integer(TrainingSettings.TREE_DEPTH);
    }

    /** The network of the settings for the data, refused with one line when no array can hold its weights. */
    private Network newNetwork() {
        int inputs = training.features().count();
        try {
            return TrainingSettings.network(settings, inputs, task, task == Task.REGRESSION ? 0
                    : training.encoder().size());
        } catch (IllegalArgumentException e) {
            throw new SettingException("hidden", "a network of " + inputs + " inputs and hidden layers "
                    + (settings.sizes(TrainingSettings.HIDDEN).length == 0 ? "none"
                            : "{hidden} " + Setting.format(settings.sizes(TrainingSettings.HIDDEN)))
                    + " cannot be built (" + e.getMessage() + "): choose smaller {hidden} or fewer features");
        }
    }

    /** Room for the header of a model's weights file (a few tensor names and shapes). */
    private static final long MODEL_HEADER_BYTES = 4096;

    /**
     * Refuses a network too large to save, or whose weights, gradient and optimizer state (flat arrays on the
     * driver: about 8 copies of the weights, and L-BFGS's curvature pairs) do not fit in the driver's free
     * memory, before it is allocated.
     */
    private void requireDriverMemory() {
        long copies = 8 + (TrainingSettings.optimizer(settings) == io.github.sparkprop.optim.OptimizerKind.LBFGS
                ? 2L * settings.integer(io.github.sparkprop.optim.Lbfgs.MEMORY) : 2);
        String setting = networkSetting();
        if (8L * network.parameterCount() + MODEL_HEADER_BYTES > Safetensors.MAX_FILE_BYTES) {
            throw new SettingException(setting, "{" + setting + "} gives a network of " + String.format("%,d",
                    network.parameterCount()) + " parameters (" + network + "); sparkprop saves models of up to "
                    + String.format("%,d", (Safetensors.MAX_FILE_BYTES - MODEL_HEADER_BYTES) / 8)
                    + " parameters: choose a smaller network");
        }
        long needed = 8L * network.parameterCount() * copies;
        long free = JvmLimits.freeHeapBytes();
        if (needed > free) {
            throw new SettingException(setting, "{" + setting + "} gives a network of " + String.format("%,d",
                    network.parameterCount()) + " parameters (" + network + "), which needs about " + (needed >> 20)
                    + " MB on the driver for its weights, gradient and optimizer state; the driver has "
                    + (free >> 20) + " MB free: choose a smaller network or give the driver more memory "
                    + "(spark.driver.memory, or -Xmx)");
        }
    }

    /**
     * Refuses a layer so wide that a block's activations in it (width x rows values, one array in each task)
     * are more than one Java array holds.
     */
    private void requireBlockArrays() {
        int rows = training.blockRows();
        for (int l = 1; l <= network.depth(); l++) {
            if ((long) network.size(l) * rows > JvmLimits.MAX_ARRAY_LENGTH) {
                String setting = networkSetting();
                throw new SettingException(setting, "{" + setting + "} gives a layer of " + network.size(l)
                        + " units, whose activations for a block of " + rows + " rows are more values than one "
                        + "array holds: choose a smaller network or {blockSize} <= "
                        + JvmLimits.MAX_ARRAY_LENGTH / network.size(l));
            }
        }
    }

    /** The setting that chose the network: the start model, or the hidden layers. */
    private String networkSetting() {
        return init != null ? "initModel" : "hidden";
    }

    private LoadedData keep(LoadedData data) {
        loaded.add(data);
        return data;
    }

    /** How the training rows are read: the spec's columns, or the start model's columns, classes and scaler. */
    private DataSpec dataSpec() {
        TrainingSpec.Columns columns = spec.columns();
        HoldOut holdOut = new HoldOut(settings.longInteger(TrainingSettings.SEED), spec.validationFraction(),
                spec.testFraction());
        boolean rowIds = settings.real(TrainingSettings.BATCH_FRACTION) < 1; // only mini-batches need them
        List<String> features = init != null ? (init.vectorColumn() != null ? List.of(init.vectorColumn()) : null)
                : columns.features();
        InputEncoding encoding = init != null ? init.encoding() : null;
        LabelEncoder encoder = init != null ? (task == Task.CLASSIFICATION ? LabelEncoder.ofLabels(init.labels()) : null)
                : spec.source() instanceof Frame frame && task == Task.CLASSIFICATION
                        ? LabelEncoder.ofLabels(IntStream.range(0, frame.classes()).mapToObj(Integer::toString).toList())
                        : null;
        boolean standardize = init == null && settings.flag(TrainingSettings.STANDARDIZE);
        boolean standardizeTarget = standardize && task == Task.REGRESSION; // folded back: inTargetUnits(double[])
        int libsvmFeatures = init != null && init.vectorColumn() != null ? init.network().inputSize() : 0;
        if (spec.source() instanceof Files files) {
            return new DataSpec(files.paths(), files.format(), files.csv(), columns.label(), features, columns.weight(),
                    task, encoder, init == null ? null : init.scaler(), standardize, files.handleInvalid(),
                    files.partitions(), holdOut, columns.classWeights(), libsvmFeatures, rowIds, columns.choice(),
                    encoding, null, standardizeTarget);
        }
        return new DataSpec(List.of(spec.source().description()), InputFormat.PARQUET, CsvOptions.DEFAULT,
                columns.label(), features, columns.weight(), task, encoder, init == null ? null : init.scaler(),
                standardize, HandleInvalid.DEFAULT, 0, holdOut, columns.classWeights(), libsvmFeatures, rowIds,
                columns.choice(), encoding, null, standardizeTarget);
    }

    /** The training rows' columns, classes and scaling applied to held-out rows, all of them validation or none. */
    private DataSpec heldOut(DataSpec data, List<String> paths, boolean validation) {
        return data.withPaths(paths, training.encoder(), training.scaler(), training.features(), training.target(),
                validation);
    }

    private Column[] frameColumns() {
        TrainingSpec.Columns columns = spec.columns();
        List<Column> selected = new ArrayList<>();
        columns.features().forEach(feature -> selected.add(functions.col(feature)));
        selected.add(functions.col(columns.label()));
        if (columns.weight() != null) {
            selected.add(functions.col(columns.weight()));
        }
        return selected.toArray(Column[]::new);
    }

    /** Refuses settings that contradict the model to start from; settings that agree with it are fine. */
    private void requireAgreement() {
        Network model = init.network();
        int[] hidden = Arrays.copyOfRange(model.layers(), 1, model.depth());
        if (settings.isSet(TrainingSettings.HIDDEN) && !Arrays.equals(settings.sizes(TrainingSettings.HIDDEN), hidden)) {
            throw conflict(TrainingSettings.HIDDEN, Setting.format(settings.sizes(TrainingSettings.HIDDEN)),
                    "its hidden layers are " + (hidden.length == 0 ? "none" : Setting.format(hidden)));
        }
        String activation = settings.choice(TrainingSettings.ACTIVATION);
        for (int l = 1; l < model.depth(); l++) {
            if (settings.isSet(TrainingSettings.ACTIVATION) && !model.activation(l).id().equals(activation)) {
                throw conflict(TrainingSettings.ACTIVATION, activation, "its hidden layers are "
                        + model.activation(l).id());
            }
        }
        if (TrainingSettings.loss(settings) != null && TrainingSettings.loss(settings) != model.loss()) {
            throw conflict(TrainingSettings.LOSS, settings.choice(TrainingSettings.LOSS), "its loss is "
                    + model.loss().id());
        }
        if (spec.task() != null && spec.task() != init.task()) {
            throw new SettingException("task", "{task} " + spec.task().id() + " conflicts with the model to start "
                    + "from ({initModel} " + spec.initModel() + "), a " + init.task().id() + " model");
        }
        List<String> features = spec.columns().features();
        if (features != null && !features.equals(init.inputColumns())) {
            throw new SettingException("features", "{features} " + String.join(",", features) + " conflicts with "
                    + "the model to start from ({initModel} " + spec.initModel() + "), which reads "
                    + (init.inputColumns() == null ? "the input's columns in order" : String.join(",",
                            init.inputColumns())));
        }
        boolean scaled = init.scaler() != null;
        if (settings.isSet(TrainingSettings.STANDARDIZE) && settings.flag(TrainingSettings.STANDARDIZE) != scaled) {
            throw conflict(TrainingSettings.STANDARDIZE, String.valueOf(!scaled), "it "
                    + (scaled ? "standardises" : "does not standardise") + " its inputs");
        }
    }

    private SettingException conflict(Setting setting, String value, String modelHas) {
        return new SettingException(setting.key(), "{" + setting.key() + "} " + value + " conflicts with the model "
                + "to start from ({initModel} " + spec.initModel() + "): " + modelHas);
    }

    /** The network being trained. */
    public Network network() {
        return network;
    }

    /** The training rows as cached. */
    public LoadedData trainingData() {
        return training;
    }

    /**
     * Trains, with checkpoints as the spec says, scores the final weights on the training, validation and
     * test rows, and returns the model with its settings and provenance.
     *
     * @throws DivergenceException when the cost stops being finite
     */
    public TrainingResult run() {
        ObjectNode identity = spec.describe();
        identity.putPOJO("layers", network.layers());
        identity.put("network", network.toString());
        identity.put("trainingRows", training.rows());
        identity.put(TrainingSettings.L2.key(), l2());
        CheckpointStore checkpoints = checkpoints(identity);
        double[] initial = init != null ? init.weights() : WeightInit.initialize(network,
                settings.longInteger(TrainingSettings.SEED));
        TrainingState from = startingPoint(checkpoints, initial);

        long start = System.nanoTime();
        TrainingRun run;
        try {
            run = trainer(checkpoints).run(from);
        } catch (DivergenceException e) {
            throw !TrainingSettings.optimizer(settings).scheduled() ? e.advisingPenalty()
                    : training.scaler() == null ? e.advisingStandardization() : e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String trend = run.converged() ? null : LossTrend.problem(run.history());
        String warning = trend == null ? null : "the run did not converge: " + trend + "; " + advice();
        if (warning != null) {
            LOG.warn(warning);
        }

        List<String> labels = labels();
        Evaluator.Final scored = Evaluator.ofTrainingAndValidation(context, blocks, network, run.weights(), labels,
                treeDepth, spec.validates());
        Evaluator.Final metrics = new Evaluator.Final(inTargetUnits(scored.training()),
                inTargetUnits(scored.validation()));
        Metrics testMetrics = null;
        String testDescription = null;
        if (test != null) {
            testDescription = test.description();
            testMetrics = Evaluator.evaluate(context, test.blocks(), network, run.weights(), labels, treeDepth,
                    testDescription);
        } else if (spec.testFraction() > 0) {
            testDescription = "(" + spec.testFraction() + " of the input)";
            testMetrics = Evaluator.evaluate(context, blocks.filter(SampleBlock::isTest), network, run.weights(),
                    labels, treeDepth, "test rows");
        }
        ObjectNode provenance = provenance(identity, run, seconds);
        if (warning != null) {
            provenance.put("warning", warning);
        }
        testMetrics = inTargetUnits(testMetrics);
        putMetrics(provenance, "trainMetrics", metrics.training());
        putMetrics(provenance, "validationMetrics", metrics.validation());
        putMetrics(provenance, "testMetrics", testMetrics);
        FeatureColumns features = training.features();
        Model model = new Model(network, inTargetUnits(run.weights()), task, labels, null, features.vectorColumn(),
                training.scaler(), provenance, features.encoding());
        return new TrainingResult(model, run, seconds, metrics.training(), metrics.validation(), testMetrics,
                testDescription, warning);
    }

    /**
     * The next thing to try when the loss did not come down: a tenth of the learning rate for a first-order
     * optimizer, or L-BFGS for full batches; for L-BFGS, a little L2 (its line search only accepts decreasing
     * steps, so a rising loss means a badly conditioned problem).
     */
    private String advice() {
        if (!TrainingSettings.optimizer(settings).scheduled()) {
            return "try an L2 penalty of 0.001 (--l2 / regParam)";
        }
        double rate = settings.real(Schedule.LEARNING_RATE);
        return String.format("try a learning rate of %.3g (a tenth of %.3g: --learning-rate / stepSize)", rate / 10,
                rate) + (settings.real(TrainingSettings.BATCH_FRACTION) == 1
                        ? ", or the lbfgs optimizer, which finds its own steps" : "");
    }

    /** Figures computed on the standardised target, in the target's units (as they are without one). */
    private Metrics inTargetUnits(Metrics metrics) {
        return metrics == null || training.target() == null ? metrics
                : metrics.inTargetUnits(training.target().std()[0]);
    }

    /**
     * The weights of a network trained on the standardised target y' = (y - mean) / std, as weights that predict y
     * itself: the output layer is identity, so y = std (W^L a + b^L) + mean = (std W^L) a + (std b^L + mean).
     */
    private double[] inTargetUnits(double[] w) {
        if (training.target() == null) {
            return w;
        }
        double std = training.target().std()[0];
        double mean = training.target().mean()[0];
        double[] folded = w.clone();
        int depth = network.depth();
        int weights = network.weightOffset(depth);
        int outputs = network.size(depth);
        for (int i = weights; i < weights + outputs * network.size(depth - 1); i++) {
            folded[i] *= std;
        }
        for (int j = 0; j < outputs; j++) {
            folded[network.biasOffset(depth) + j] = std * folded[network.biasOffset(depth) + j] + mean;
        }
        return folded;
    }

    /** Trains from the seeded start without checkpoints and returns the run (for timing the loop alone). */
    public TrainingRun train() {
        return trainer(null).run(WeightInit.initialize(network, settings.longInteger(TrainingSettings.SEED)));
    }

    /** The figures of weights w on the training rows (one scoring pass). */
    public Metrics trainingMetrics(double[] w) {
        return Evaluator.evaluate(context, blocks.filter(SampleBlock::isTraining), network, w, labels(), treeDepth,
                "training data");
    }

    /** One distributed evaluation of the cost and gradient at w over iteration t's batch. */
    public Evaluation evaluate(double[] w, int t) {
        return objective().evaluate(w, t);
    }

    private Trainer trainer(CheckpointStore checkpoints) {
        return new Trainer(objective(), TrainingSettings.optimizer(settings).build(settings,
                settings.integer(TrainingSettings.ITERATIONS)), new Trainer.Settings(
                        settings.integer(TrainingSettings.ITERATIONS), settings.real(TrainingSettings.TOLERANCE),
                        settings.integer(TrainingSettings.EARLY_STOPPING),
                        settings.integer(TrainingSettings.CHECKPOINT_EVERY), settings.integer(TrainingSettings.LOG_EVERY)),
                checkpoints);
    }

    private DistributedObjective objective() {
        return new DistributedObjective(context, blocks, network, new L2Penalty(l2()),
                treeDepth, new MiniBatch(settings.longInteger(TrainingSettings.SEED),
                        settings.real(TrainingSettings.BATCH_FRACTION)),
                spec.validates() ? new DistributedObjective.Validation(settings.integer(TrainingSettings.EVAL_EVERY),
                        labels()) : DistributedObjective.Validation.NONE);
    }

    /** The L2 penalty of this run (the default one follows from the network and the training rows). */
    private double l2() {
        return TrainingSettings.penalty(settings, training.rows(), network.depth() > 1);
    }

    private List<String> labels() {
        return training.encoder() == null ? null : training.encoder().labels();
    }

    /**
     * The checkpoint store, when the spec has a directory. A checkpoint belongs to the settings and the data
     * (a hash of the cached rows, one pass over them): resuming with either changed is refused.
     */
    private CheckpointStore checkpoints(ObjectNode identity) {
        Checkpoints policy = spec.checkpoints();
        if (policy.dir() == null) {
            return null;
        }
        identity.put("dataHash", blocks.map(SampleBlock::contentHash).reduce(Long::sum));
        String dir = policy.mode() == Checkpoints.Mode.PER_RUN ? runDirectory(policy.dir(), identity) : policy.dir();
        CheckpointStore store = new CheckpointStore(dir, context.hadoopConfiguration(), identity);
        if (store.hasCheckpoints() && policy.mode() == Checkpoints.Mode.NEW) {
            throw new SettingException("checkpointDir", "{checkpointDir} " + dir + " holds checkpoints of an earlier "
                    + "run; add {resume} to continue it, or {overwrite} to start again");
        }
        if (store.hasCheckpoints() && policy.mode() == Checkpoints.Mode.REPLACE) {
            store.deleteAll();
        }
        return store;
    }

    /**
     * The directory of one run under dir: named after its settings and data but the adjustable ones, so that
     * runs of other settings or data never resume each other, and the same run again (or longer) resumes.
     */
    private static String runDirectory(String dir, ObjectNode identity) {
        ObjectNode fixed = identity.deepCopy();
        fixed.remove(CheckpointStore.ADJUSTABLE);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(fixed.toString().getBytes(StandardCharsets.UTF_8));
            return new Path(dir, "run-" + HexFormat.of().formatHex(digest, 0, 8)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private TrainingState startingPoint(CheckpointStore checkpoints, double[] initial) {
        Checkpoints.Mode mode = spec.checkpoints().mode();
        boolean resume = checkpoints != null && (mode == Checkpoints.Mode.RESUME || mode == Checkpoints.Mode.PER_RUN);
        TrainingState state = resume ? checkpoints.loadLatest(network.parameterCount()) : null;
        if (resume && state == null && mode == Checkpoints.Mode.RESUME) {
            LOG.info("no checkpoint in {} yet: starting from iteration 1", spec.checkpoints().dir());
        }
        return state != null ? state : TrainingState.start(initial);
    }

    private ObjectNode provenance(ObjectNode settingsJson, TrainingRun run, double seconds) {
        ObjectNode provenance = JSON.createObjectNode();
        provenance.put("sparkpropVersion", Version.get());
        provenance.put("finishedAt", Instant.now().toString());
        provenance.put("label", spec.columns().label());
        provenance.put("rows", training.rows());
        provenance.put("skippedRows", training.skipped());
        provenance.set("settings", settingsJson);
        provenance.put("partitions", training.blocks().getNumPartitions());
        provenance.put("iterationsRun", run.iterations());
        provenance.put("stopReason", run.stopReason());
        provenance.put("converged", run.converged());
        provenance.put("seconds", seconds);
        return provenance;
    }

    private static void putMetrics(ObjectNode provenance, String field, Metrics metrics) {
        if (metrics != null) {
            provenance.set(field, JSON.valueToTree(metrics.asMap()));
        }
    }

    /** Releases the cached data. */
    @Override
    public void close() {
        loaded.forEach(LoadedData::release);
        loaded.clear();
    }
}
