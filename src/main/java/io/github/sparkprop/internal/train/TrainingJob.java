package io.github.sparkprop.internal.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.evaluate.Evaluator;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.Elementwise;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of a {@link TrainingSpec}, the same for every face: {@link #prepare} reads, validates and
 * caches the data (training, validation and test rows) and builds the network (or takes the start model's);
 * {@link #run} trains with checkpoints, scores the result and returns the model with its settings,
 * provenance and figures; it may run again on the same cached data. {@link #close} releases the cached data.
 */
public final class TrainingJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    private final JavaSparkContext context;
    private final TrainingSpec spec;
    private final SettingValues settings;
    private final Model init;
    private final Task task;
    private final PreparedData data;
    private final Network network;
    private final TargetUnits units;
    /** Where the training passes go: null for jobs of this run's own, else its share of a candidates' job. */
    private final Passes passes;

    private TrainingJob(JavaSparkContext context, TrainingSpec spec, Model init, Task task, PreparedData data,
            Network network, Passes passes) {
        this.context = context;
        this.spec = spec;
        this.settings = spec.settings();
        this.init = init;
        this.task = task;
        this.data = data;
        this.network = network;
        this.units = new TargetUnits(data.training().target());
        this.passes = passes;
    }

    /**
     * Reads, validates and caches the data of a run and builds its network.
     *
     * @throws InputException for bad input or settings (nothing stays cached)
     */
    public static TrainingJob prepare(SparkSession spark, TrainingSpec spec) {
        LOG.info("Spark {} on {}, BLAS {}, activations {}", spark.version(), spark.sparkContext().master(),
                Blas.implementation(), Elementwise.implementation());
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Model init = startModel(context, spec);
        Task task = task(spec, init);
        PreparedData data = PreparedData.load(spark, spec, init, task, spec.miniBatches());
        try {
            return onData(context, spec, init, task, data, null);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** The start model of a spec ({@code initModel}), or null. */
    static Model startModel(JavaSparkContext context, TrainingSpec spec) {
        Model init = spec.initModel() == null ? null : ModelStore.load(spec.initModel(), context.hadoopConfiguration());
        if (init != null) {
            StartModel.requireAgreement(spec, init);
        }
        return init;
    }

    /** What a spec's network does: the start model's task, or the spec's (classification when it names none). */
    static Task task(TrainingSpec spec, Model init) {
        return init != null ? init.task() : spec.task() != null ? spec.task() : Task.CLASSIFICATION;
    }

    /**
     * The run of a spec on data already read, its network built (or the start model's).
     *
     * @param passes where its training passes go, or null for jobs of its own
     */
    static TrainingJob onData(JavaSparkContext context, TrainingSpec spec, Model init, Task task, PreparedData data,
            Passes passes) {
        LoadedData training = data.training();
        Network network = init != null ? init.network() : TrainingSettings.network(spec.settings(),
                training.features().count(), task, task == Task.REGRESSION ? 0 : training.encoder().size());
        DriverResources.check(network, init != null ? "initModel" : "hidden",
                TrainingSettings.optimizer(spec.settings()), spec.settings(), training.blockRows());
        if (network.inputSize() != training.features().count()) {
            throw new InputException("the network takes " + network.inputSize() + " features, "
                    + training.description() + " has " + training.features().count());
        }
        LOG.info("network {}: {} parameters", network, String.format("%,d", network.parameterCount()));
        return new TrainingJob(context, spec, init, task, data, network, passes);
    }

    /** The network being trained. */
    public Network network() {
        return network;
    }

    /** The training rows as cached. */
    public LoadedData trainingData() {
        return data.training();
    }

    /**
     * Trains, with checkpoints as the spec says, scores the final weights on the training, validation and
     * test rows, and returns the model with its settings and provenance.
     *
     * @throws DivergenceException when the cost stops being finite
     */
    public TrainingResult run() {
        ObjectNode recorded = Provenance.settings(spec, network, task, data.training().rows(), l2());
        CheckpointStore checkpoints = CheckpointPolicy.open(spec.checkpoints(), recorded, data.blocks(),
                context.hadoopConfiguration());
        TrainingRun run;
        double seconds;
        try {
            double[] initial = init != null ? init.weights()
                    : WeightInit.initialize(network, settings.longInteger(TrainingSettings.SEED));
            TrainingState from = CheckpointPolicy.startingPoint(spec.checkpoints(), checkpoints,
                    network.parameterCount(), initial);
            long start = System.nanoTime();
            run = train(checkpoints, from);
            seconds = (System.nanoTime() - start) / 1e9;
        } finally {
            if (checkpoints != null) {
                checkpoints.close(); // the directory is another run's to take from here
            }
        }
        String warning = LossTrend.warning(run, settings);
        if (warning != null) {
            LOG.warn(warning);
        }
        Evaluator.Final scored = Evaluator.ofTrainingAndValidation(context, data.blocks(), network, run.weights(),
                labels(), treeDepth(), spec.validates());
        Metrics training = units.metrics(scored.training());
        Metrics validation = units.metrics(scored.validation());
        Metrics test = units.metrics(test(run.weights()));
        ObjectNode provenance = Provenance.of(spec, recorded, data.training(), run, seconds, warning, training,
                validation, test);
        Model model = new Model(network, units.weights(network, run.weights()), task, labels(), null,
                data.training().features().vectorColumn(), data.training().scaler(), provenance,
                data.training().features().encoding());
        return new TrainingResult(model, run, seconds, training, validation, test, testDescription(), warning);
    }

    private TrainingRun train(CheckpointStore checkpoints, TrainingState from) {
        DistributedObjective objective = objective();
        try {
            return train(objective, checkpoints, from);
        } finally {
            objective.done(); // a candidate's share of the next rounds goes to the others
        }
    }

    private TrainingRun train(DistributedObjective objective, CheckpointStore checkpoints, TrainingState from) {
        Trainer trainer = new Trainer(objective, TrainingSettings.optimizer(settings).build(settings,
                settings.integer(TrainingSettings.ITERATIONS)), new Trainer.Settings(
                        settings.integer(TrainingSettings.ITERATIONS), settings.real(TrainingSettings.TOLERANCE),
                        settings.integer(TrainingSettings.EARLY_STOPPING),
                        settings.integer(TrainingSettings.CHECKPOINT_EVERY),
                        settings.integer(TrainingSettings.LOG_EVERY)),
                checkpoints);
        try {
            return trainer.run(from);
        } catch (DivergenceException e) {
            throw !TrainingSettings.optimizer(settings).scheduled() ? e.advisingPenalty()
                    : data.training().scaler() == null ? e.advisingStandardization() : e;
        }
    }

    /** The figures of the final weights on the test rows (files of their own, or a held-out fraction), or null. */
    private Metrics test(double[] w) {
        if (data.test() != null) {
            return Evaluator.evaluate(context, data.test().blocks(), network, w, labels(), treeDepth(),
                    data.test().description());
        }
        return spec.testFraction() == 0 ? null : Evaluator.evaluate(context, data.blocks().filter(SampleBlock::isTest),
                network, w, labels(), treeDepth(), "test rows");
    }

    private String testDescription() {
        return data.test() != null ? data.test().description()
                : spec.testFraction() > 0 ? "(" + spec.testFraction() + " of the input)" : null;
    }

    private DistributedObjective objective() {
        return new DistributedObjective(passes != null ? passes : new OwnPasses(context, data.blocks(), treeDepth(),
                TrainingSettings.precision(settings)),
                network, new L2Penalty(l2()), new MiniBatch(settings.longInteger(TrainingSettings.SEED),
                        settings.real(TrainingSettings.BATCH_FRACTION)),
                spec.validates() ? new DistributedObjective.Validation(settings.integer(TrainingSettings.EVAL_EVERY),
                        labels()) : DistributedObjective.Validation.NONE);
    }

    /** The L2 penalty of this run (the default one follows from the network and the training rows). */
    private double l2() {
        return TrainingSettings.penalty(settings, data.training().rows(), network.depth() > 1);
    }

    private int treeDepth() {
        return settings.integer(TrainingSettings.TREE_DEPTH);
    }

    private List<String> labels() {
        return data.training().encoder() == null ? null : data.training().encoder().labels();
    }

    /** Releases the cached data. */
    @Override
    public void close() {
        data.close();
    }
}
