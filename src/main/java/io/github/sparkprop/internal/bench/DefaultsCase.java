package io.github.sparkprop.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.data.DataSettings;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.RunSettings;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.internal.train.TrainingSettings;
import io.github.sparkprop.internal.train.TrainingSpec;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The corpus case of the bench: every table of a prepared corpus of real tables (scripts/corpus/run.sh writes
 * each one's train.csv and test.csv, and scikit-learn's baseline on the same split, to target/corpus) trained with
 * the default options only, the label and, for regression, the task; as a linear model and with one hidden layer of
 * 32 units; scored once on the test file (accuracy, or R^2) beside the baseline.
 */
final class DefaultsCase {

    /** The models each table is trained as: a linear model, and one hidden layer of 32 units. */
    static final List<int[]> MODELS = List.of(new int[0], new int[] {32});
    /** A run within this much of the baseline's figure counts as matching it. */
    static final double WITHIN = 0.02;

    /**
     * One training run of one table.
     *
     * @param sparkprop the test figure (accuracy or R^2), or NaN when the run failed
     * @param problem   why it failed (a divergence, an error), or null
     */
    record Run(String table, String task, long rows, int columns, String model, double baseline, double sparkprop,
            double seconds, boolean converged, String warning, String problem) {

        boolean matches() {
            return !Double.isNaN(sparkprop) && sparkprop >= baseline - WITHIN;
        }
    }

    private DefaultsCase() {
    }

    /**
     * Trains every table of the corpus as each of {@link #MODELS}, printing a line per run as it ends.
     *
     * @param corpus its directory (tables.json, baseline.json, one directory of train.csv and test.csv a table)
     * @param extra  settings applied to every run on top of the defaults (for trying other defaults), or none
     */
    static List<Run> run(SparkSession spark, String corpus, Map<String, Object> extra, PrintWriter out)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        File tables = new File(corpus, "tables.json");
        File baselines = new File(corpus, "baseline.json");
        if (!tables.isFile() || !baselines.isFile()) {
            throw new InputException("no prepared corpus in " + corpus + " (tables.json and baseline.json): run "
                    + "scripts/corpus/run.sh first");
        }
        JsonNode baseline = json.readTree(baselines);
        out.printf("%-16s %-14s %7s %4s %-7s %8s %9s %7s %8s  %s%n", "table", "task", "rows", "cols", "model",
                "baseline", "sparkprop", "diff", "seconds", "note");
        List<Run> runs = new ArrayList<>();
        for (JsonNode table : json.readTree(tables)) {
            String name = table.get("name").asText();
            for (int[] hidden : MODELS) {
                Run run = train(spark, corpus, table, baseline.get(name).get("baseline").asDouble(), hidden, extra);
                runs.add(run);
                out.printf("%-16s %-14s %,7d %4d %-7s %8.4f %9s %7s %8.1f  %s%n", run.table(), run.task(), run.rows(),
                        run.columns(), run.model(), run.baseline(), Double.isNaN(run.sparkprop()) ? "-"
                                : String.format("%.4f", run.sparkprop()), Double.isNaN(run.sparkprop()) ? "-"
                                : String.format("%+.4f", run.sparkprop() - run.baseline()), run.seconds(),
                        run.problem() != null ? run.problem() : run.warning() != null ? run.warning() : "");
                out.flush();
            }
        }
        long matching = runs.stream().filter(Run::matches).count();
        long failed = runs.stream().filter(run -> run.problem() != null).count();
        out.printf("%d of %d runs within %.2f of the baseline (or above it); %d failed; %d warned%n", matching,
                runs.size(), WITHIN, failed, runs.stream().filter(run -> run.warning() != null).count());
        return runs;
    }

    private static Run train(SparkSession spark, String corpus, JsonNode table, double baseline, int[] hidden,
            Map<String, Object> extra) {
        String name = table.get("name").asText();
        Task task = Task.fromId(table.get("task").asText());
        String model = hidden.length == 0 ? "linear" : "hidden " + Setting.format(hidden);
        Map<String, Object> values = new LinkedHashMap<>(extra);
        if (hidden.length > 0) {
            values.put(TrainingSettings.HIDDEN.key(), hidden);
        }
        String dir = new File(corpus, name).getPath();
        values.put(DataSettings.INPUT.key(), List.of(dir + "/train.csv"));
        values.put(RunSettings.TEST.key(), List.of(dir + "/test.csv"));
        values.put(RunSettings.LABEL.key(), table.get("label").asText());
        values.put(RunSettings.TASK.key(), task.id());
        TrainingSpec spec = TrainingSpec.ofFiles(SettingValues.of(values), TrainingSpec.Checkpoints.Mode.NEW);
        long rows = table.get("rows").asLong();
        int columns = table.get("columns").asInt();
        long start = System.nanoTime();
        try (TrainingJob job = TrainingJob.prepare(spark, spec)) {
            TrainingResult result = job.run();
            Metrics test = result.test();
            double figure = task == Task.CLASSIFICATION ? test.accuracy() : test.r2();
            return new Run(name, task.id(), rows, columns, model, baseline, figure, seconds(start),
                    result.run().converged(), result.warning(), null);
        } catch (InputException e) {
            return new Run(name, task.id(), rows, columns, model, baseline, Double.NaN, seconds(start), false, null,
                    e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
