package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.Interruption;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.optim.SettingValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * K training runs trained together, as a hyper-parameter search trains its candidates: the candidates that read
 * the same data the same way (source, columns, held-out rows, standardization, blocks, precision, tree depth)
 * share one read and one cache of it, and train in one Spark job a round ({@link SharedPasses}); each candidate
 * is the {@link TrainingJob} of its own spec, with its own network, optimizer, mini-batches, stopping rules and
 * checkpoints, and so ends where its separate run would (to the rounding of the order in which Spark merges the
 * tasks' sums). A candidate that fails (its loss diverges, its settings do not fit the data) is reported and the
 * others go on.
 */
public final class CandidatesJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CandidatesJob.class);

    /**
     * What became of a candidate.
     *
     * @param result  its run, or null when it failed
     * @param failure why it failed, or null
     */
    public record Outcome(TrainingSpec spec, TrainingResult result, RuntimeException failure) {
    }

    /** Candidates that read the same data: its one cache, and their runs on it. */
    private record Group(PreparedData data, List<Integer> candidates, List<TrainingJob> jobs, SharedPasses passes,
            List<Passes> shares) {
    }

    private final List<TrainingSpec> specs;
    private final List<Group> groups;

    private CandidatesJob(List<TrainingSpec> specs, List<Group> groups) {
        this.specs = specs;
        this.groups = groups;
    }

    /**
     * Reads and caches the data of the candidates, once per distinct reading, and builds their networks.
     *
     * @throws InputException for bad input or settings of any candidate (nothing stays cached)
     */
    public static CandidatesJob prepare(SparkSession spark, List<TrainingSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<List<Object>, List<Integer>> byData = new LinkedHashMap<>();
        for (int k = 0; k < specs.size(); k++) {
            byData.computeIfAbsent(dataKey(specs.get(k)), key -> new ArrayList<>()).add(k);
        }
        List<Group> groups = new ArrayList<>();
        try {
            for (List<Integer> candidates : byData.values()) {
                groups.add(group(spark, context, specs, candidates));
            }
            checkResources(groups, specs, spark);
        } catch (RuntimeException e) {
            groups.forEach(group -> group.data().close());
            throw e;
        }
        LOG.info("{} candidates on {} cached data set{}", specs.size(), groups.size(), groups.size() == 1 ? "" : "s");
        return new CandidatesJob(List.copyOf(specs), groups);
    }

    private static Group group(SparkSession spark, JavaSparkContext context, List<TrainingSpec> specs,
            List<Integer> candidates) {
        TrainingSpec first = specs.get(candidates.get(0));
        Model init = TrainingJob.startModel(context, first);
        Task task = TrainingJob.task(first, init);
        boolean rowIds = candidates.stream().anyMatch(k -> specs.get(k).miniBatches());
        PreparedData data = PreparedData.load(spark, first, init, task, rowIds);
        try {
            SharedPasses passes = new SharedPasses(context, data.blocks(),
                    first.settings().integer(TrainingSettings.TREE_DEPTH),
                    TrainingSettings.precision(first.settings()), candidates.size());
            List<TrainingJob> jobs = new ArrayList<>();
            List<Passes> shares = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                shares.add(passes.candidate(i));
                jobs.add(TrainingJob.onData(context, specs.get(candidates.get(i)), init, task, data, shares.get(i)));
            }
            return new Group(data, candidates, jobs, passes, shares);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * The weights of the candidates that train at the same time, those of a data set, fit the driver and the
     * executors together ({@link CandidateResources}).
     */
    private static void checkResources(List<Group> groups, List<TrainingSpec> specs, SparkSession spark) {
        for (Group group : groups) {
            int size = group.candidates().size();
            long[] parameters = new long[size];
            int[] states = new int[size];
            for (int i = 0; i < size; i++) {
                SettingValues settings = specs.get(group.candidates().get(i)).settings();
                parameters[i] = group.jobs().get(i).network().parameterCount();
                states[i] = TrainingSettings.optimizer(settings).stateVectors(settings);
            }
            CandidateResources.check(parameters, states, spark.sparkContext().getConf());
        }
    }

    /**
     * What decides how a spec's data are read and cached: candidates with equal keys share one cache. The seed
     * counts only where it draws held-out rows.
     */
    static List<Object> dataKey(TrainingSpec spec) {
        SettingValues settings = spec.settings();
        boolean drawsRows = spec.validationFraction() > 0 || spec.testFraction() > 0;
        return Arrays.asList(spec.source(), spec.columns(), spec.initModel(), spec.task(), spec.validationFraction(),
                spec.testFraction(), drawsRows ? settings.longInteger(TrainingSettings.SEED) : null,
                settings.flag(TrainingSettings.STANDARDIZE), settings.integer(TrainingSettings.BLOCK_SIZE),
                settings.choice(TrainingSettings.PRECISION), settings.integer(TrainingSettings.TREE_DEPTH));
    }

    /** The number of cached data sets the candidates read. */
    public int dataSets() {
        return groups.size();
    }

    /** The Spark jobs the candidates' training passes took, all groups together (a round each). */
    public int rounds() {
        return groups.stream().mapToInt(group -> group.passes().rounds()).sum();
    }

    /**
     * Trains every candidate, each in a thread of its own, the candidates of a data set one round at a time,
     * the data sets one after the other; the outcomes in the candidates' order.
     */
    public List<Outcome> run() {
        return run((k, outcome) -> { });
    }

    /**
     * Trains every candidate as {@link #run()} does, telling {@code finished} of each outcome as it comes (from
     * the candidate's thread; k counts from 0).
     */
    public List<Outcome> run(java.util.function.BiConsumer<Integer, Outcome> finished) {
        Outcome[] outcomes = new Outcome[specs.size()];
        Error[] errors = new Error[1];
        for (Group group : groups) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < group.jobs().size(); i++) {
                int k = group.candidates().get(i);
                TrainingJob job = group.jobs().get(i);
                Passes share = group.shares().get(i);
                Thread thread = new Thread(() -> {
                    MDC.put("candidate", "[" + (k + 1) + "/" + specs.size() + "]");
                    try {
                        outcomes[k] = new Outcome(specs.get(k), job.run(), null);
                    } catch (Exception e) { // Spark's SparkException too, which Scala throws undeclared
                        LOG.warn("candidate {} failed: {}", k + 1, e.getMessage());
                        outcomes[k] = new Outcome(specs.get(k), null, e instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException(e.getMessage(), e));
                    } catch (Error e) {
                        errors[0] = e;
                    } finally {
                        share.done(); // also when it failed before training: the others must not wait for it
                        MDC.remove("candidate");
                    }
                    if (outcomes[k] != null) {
                        finished.accept(k, outcomes[k]);
                    }
                }, "sparkprop-candidate-" + (k + 1));
                threads.add(thread);
                thread.start();
            }
            threads.forEach(CandidatesJob::join);
        }
        if (errors[0] != null) {
            throw errors[0];
        }
        if (Interruption.raised()) { // a signal ends the search, not only the candidates it cut short
            throw java.util.Arrays.stream(outcomes).map(Outcome::failure)
                    .filter(InterruptedRunException.class::isInstance).findFirst()
                    .orElseGet(() -> new IllegalStateException("interrupted"));
        }
        return List.of(outcomes);
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the cached data. */
    @Override
    public void close() {
        groups.forEach(group -> group.data().close());
    }
}
