package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hyper-parameter search: the candidates of a {@link Grid} over a run's settings, trained together
 * ({@link CandidatesJob}) and ranked by a {@link TuneMetric} of their validation rows (a fraction of the training
 * rows, 0.2 unless the settings give validation rows), failed candidates last.
 */
public final class Tuning {

    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);
    /** The validation fraction of a search whose settings give no validation rows. */
    public static final double VALIDATION_FRACTION = 0.2;

    /**
     * A candidate and what became of it.
     *
     * @param number  its place in the grid, from 1
     * @param values  the values the grid gave it
     * @param result  its run, or null when it failed
     * @param failure why it failed, or null
     * @param score   the metric on its validation rows (NaN when it failed)
     */
    public record Candidate(int number, Map<Setting, Object> values, TrainingResult result, RuntimeException failure,
            double score) {

        /** The grid's values, as the grid writes them. */
        public String describe() {
            return Grid.describe(values);
        }
    }

    /**
     * A finished search.
     *
     * @param ranked   the candidates, the best first, failed ones last
     * @param dataSets the cached data sets the candidates read
     * @param rounds   the Spark jobs their training took
     * @param seconds  the wall time of the search
     */
    public record Result(TuneMetric metric, List<Candidate> ranked, int dataSets, int rounds, double seconds) {

        /** The best candidate, or null when every one failed. */
        public Candidate best() {
            return ranked.isEmpty() || ranked.get(0).result() == null ? null : ranked.get(0);
        }
    }

    private Tuning() {
    }

    /**
     * The candidates' specs: the base values with each candidate's, on validation rows.
     *
     * @param mode what the base's checkpoint directory means: each candidate keeps its checkpoints in a
     *             directory of its own under it ({@code PER_RUN}) unless told otherwise
     */
    public static List<TrainingSpec> specs(SettingValues base, Grid grid, TrainingSpec.Checkpoints.Mode mode) {
        SettingValues values = base;
        if (!TrainingSpec.ofFiles(base, mode).validates()) {
            LOG.info("the candidates are compared on a validation fraction of {} of the training rows",
                    VALIDATION_FRACTION);
            values = values.with(RunSettings.VALIDATION_FRACTION, VALIDATION_FRACTION);
        }
        List<TrainingSpec> specs = new ArrayList<>();
        for (Map<Setting, Object> candidate : grid.candidates()) {
            specs.add(TrainingSpec.ofFiles(Grid.apply(values, candidate), mode));
        }
        return specs;
    }

    /**
     * Trains the candidates together and ranks them.
     *
     * @param finished told of each candidate as it ends (from the candidate's thread)
     */
    public static Result run(SparkSession spark, Grid grid, List<TrainingSpec> specs, TuneMetric metric,
            Consumer<Candidate> finished) {
        List<Map<Setting, Object>> values = grid.candidates();
        long start = System.nanoTime();
        try (CandidatesJob job = CandidatesJob.prepare(spark, specs)) {
            List<CandidatesJob.Outcome> outcomes = job.run((k, outcome) -> finished.accept(candidate(k, values.get(k),
                    outcome, metric)));
            List<Candidate> candidates = new ArrayList<>();
            for (int k = 0; k < outcomes.size(); k++) {
                candidates.add(candidate(k, values.get(k), outcomes.get(k), metric));
            }
            candidates.sort(ranking(metric));
            return new Result(metric, List.copyOf(candidates), job.dataSets(), job.rounds(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static Candidate candidate(int k, Map<Setting, Object> values, CandidatesJob.Outcome outcome,
            TuneMetric metric) {
        TrainingResult result = outcome.result();
        double score = result == null || result.validation() == null ? Double.NaN : metric.of(result.validation());
        return new Candidate(k + 1, values, result, outcome.failure(), score);
    }

    /** The better score first, then the lower validation loss, then the grid's order. */
    private static Comparator<Candidate> ranking(TuneMetric metric) {
        return (a, b) -> {
            if (metric.better(a.score(), b.score())) {
                return -1;
            }
            if (metric.better(b.score(), a.score())) {
                return 1;
            }
            int byLoss = Double.compare(loss(a), loss(b));
            return byLoss != 0 ? byLoss : Integer.compare(a.number(), b.number());
        };
    }

    private static double loss(Candidate candidate) {
        return candidate.result() == null || candidate.result().validation() == null ? Double.POSITIVE_INFINITY
                : candidate.result().validation().loss();
    }
}
