package io.github.sparkprop.internal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.model.AtomicDirectory;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.Grid;
import io.github.sparkprop.internal.train.IterationRecord;
import io.github.sparkprop.internal.train.LossPlot;
import io.github.sparkprop.internal.train.Preflight;
import io.github.sparkprop.internal.train.RunSettings;
import io.github.sparkprop.internal.train.TrainingSpec;
import io.github.sparkprop.internal.train.TrainingSpec.Checkpoints;
import io.github.sparkprop.internal.train.TuneMetric;
import io.github.sparkprop.internal.train.Tuning;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparkprop tune}: train's options as the base of a search, a grid over them, the candidates trained
 * together ({@link Tuning}); prints each candidate as it ends and the leaderboard, saves the best model (or every
 * one), {@code tune.json} with every candidate's settings, figures and history, and {@code loss.png} with their
 * curves.
 */
@Command(name = "tune", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Trains every candidate of a grid over train's options together and keeps the best.",
            "",
            "The candidates that read the data the same way share one cache of it and one Spark job an "
                    + "iteration; each trains as its own 'sparkprop train' would, with its own optimizer, and stops "
                    + "on its own (a diverged one is reported, the others go on). They are ranked on validation "
                    + "rows: --validation-fraction or --validation, else a fraction of 0.2 of the training rows.",
            ""},
        footer = {"", "Example (six candidates on MNIST):",
            "  sparkprop tune --config conf/mnist-mlp.properties \\",
            "      --grid 'hidden=64,128,256;learning-rate=0.001,0.003' --output models/mnist-tune",
            "", "Exit codes: 0 success, 2 bad usage or bad input (or no candidate finished), 1 internal failure."})
public final class TuneCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a search saves. */
    public enum Keep {
        best, all
    }

    private CommandSpec spec;

    @Option(names = "--grid", required = true, paramLabel = "GRID",
            description = "The candidates: every combination of the values, e.g. 'hidden=32,64;learning-rate=0.01,"
                    + "0.1' (options by name, ';' between them, ',' between values; a value with commas in "
                    + "brackets: hidden=[64,32],[128]).")
    String grid;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "What ranks the candidates on their validation rows: accuracy, log-loss, auc (two "
                    + "classes), rmse, mae or r2. Default: accuracy for a classifier, rmse for a regressor.")
    String metric;

    @Option(names = "--keep", paramLabel = "best|all", defaultValue = "best",
            description = "Save the best model (DIR/best) or every one (DIR/candidate-N too). Default: "
                    + "${DEFAULT-VALUE}")
    Keep keep;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Where to save the search: best/ (the best model), tune.json, loss.png.")
    String output;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Replace an existing --output.")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    void install(CommandSpec commandSpec) {
        this.spec = commandSpec;
        SettingOptions.install(commandSpec, TrainingSpec.sections());
    }

    @Override
    public Integer call() throws IOException {
        SettingValues base = SettingOptions.values(spec, TrainingSpec.sections());
        Grid candidates = Grid.parse(grid, TrainingSpec.all());
        TuneMetric ranking = ranking(base);
        Checkpoints.Mode mode = base.flag(RunSettings.RESUME) || base.text(RunSettings.CHECKPOINT_DIR) != null
                ? Checkpoints.Mode.PER_RUN : Checkpoints.Mode.NEW;
        List<TrainingSpec> specs = Tuning.specs(base, candidates, mode);
        Configuration files = sparkOptions.hadoopConfiguration();
        checkWritable(files);
        specs.forEach(candidate -> Preflight.check(candidate, files));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("tuning %d candidates, ranked by validation %s%n", specs.size(), ranking.id());
        out.flush();
        SparkSession spark = sparkOptions.session();
        Tuning.Result result = Tuning.run(spark, candidates, specs, ranking, candidate -> finished(out, candidate,
                specs.size(), ranking));
        if (result.best() == null) {
            throw new InputException("no candidate finished: " + result.ranked().get(0).failure().getMessage());
        }
        save(result, spark.sparkContext().hadoopConfiguration());
        leaderboard(out, result);
        return 0;
    }

    /**
     * The output may be written: new, or a search's (tune.json) to replace with --overwrite; never a directory of
     * something else.
     */
    private void checkWritable(Configuration conf) throws IOException {
        Path dir = new Path(output);
        FileSystem fs = AtomicDirectory.fileSystem(dir, conf);
        if (fs.exists(dir)) {
            if (!overwrite) {
                throw new InputException("output " + output + " already exists; use --overwrite to replace it");
            }
            if (!fs.getFileStatus(dir).isDirectory() || !fs.exists(new Path(dir, "tune.json"))
                    && fs.listStatus(dir).length > 0) {
                throw new InputException("output " + output + " exists and is not a sparkprop search (no "
                        + "tune.json); --overwrite only replaces searches: choose another --output");
            }
        }
        AtomicDirectory.probeWritable(dir, conf);
    }

    /** --metric, or the task's default; one of the task's metrics. */
    private TuneMetric ranking(SettingValues base) {
        Task given = TrainingSpec.ofFiles(base, Checkpoints.Mode.NEW).task();
        Task task = given == null ? Task.CLASSIFICATION : given;
        if (metric == null) {
            return TuneMetric.defaultFor(task);
        }
        TuneMetric chosen = TuneMetric.fromId(metric);
        if (chosen == null) {
            throw new InputException("--metric " + metric + " is not one of " + String.join(", ", TuneMetric.ids()));
        }
        if (chosen.task() != task) {
            throw new InputException("--metric " + metric + " ranks " + (task == Task.CLASSIFICATION ? "regressors"
                    : "classifiers") + "; a " + task.id() + " search ranks by " + String.join(", ", TuneMetric.ids()
                            .stream().filter(id -> TuneMetric.fromId(id).task() == task).toList()));
        }
        return chosen;
    }

    private static synchronized void finished(PrintWriter out, Tuning.Candidate candidate, int of, TuneMetric metric) {
        if (candidate.result() == null) {
            out.printf("candidate %d/%d %s: failed: %s%n", candidate.number(), of, candidate.describe(),
                    candidate.failure().getMessage());
        } else {
            out.printf("candidate %d/%d %s: %d iterations (%s) in %.1f s, validation %s %.4f%n", candidate.number(),
                    of, candidate.describe(), candidate.result().run().iterations(),
                    candidate.result().run().stopReason(), candidate.result().seconds(), metric.id(),
                    candidate.score());
        }
        out.flush();
    }

    private void leaderboard(PrintWriter out, Tuning.Result result) {
        out.println();
        out.printf("%-5s %-9s %12s %12s %10s  %s%n", "rank", "candidate", result.metric().id(), "val. loss",
                "iterations", "settings");
        int rank = 0;
        for (Tuning.Candidate candidate : result.ranked()) {
            if (candidate.result() == null) {
                out.printf("%-5s %-9d %12s %12s %10s  %s (failed: %s)%n", "-", candidate.number(), "-", "-", "-",
                        candidate.describe(), firstLine(candidate.failure().getMessage()));
            } else {
                out.printf("%-5d %-9d %12.4f %12.6f %10d  %s%n", ++rank, candidate.number(), candidate.score(),
                        candidate.result().validation().loss(), candidate.result().run().iterations(),
                        candidate.describe());
            }
        }
        out.printf("%d candidates in %.1f s (%d cached data set%s, %d Spark jobs for their training); best: "
                + "candidate %d, saved to %s%n", result.ranked().size(), result.seconds(), result.dataSets(),
                result.dataSets() == 1 ? "" : "s", result.rounds(), result.best().number(),
                new Path(output, "best"));
        out.flush();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** best/ (and candidate-N/), tune.json and loss.png under the output, replacing an earlier search there. */
    private void save(Tuning.Result result, Configuration conf) throws IOException {
        Path dir = new Path(output);
        FileSystem fs = AtomicDirectory.fileSystem(dir, conf);
        if (overwrite && fs.exists(dir)) {
            fs.delete(dir, true);
        }
        fs.mkdirs(dir);
        Tuning.Candidate best = result.best();
        ModelStore.save(best.result().model(), new Path(dir, "best").toString(), true, best.result().files(), conf);
        Map<String, List<IterationRecord>> curves = new LinkedHashMap<>();
        for (Tuning.Candidate candidate : result.ranked()) {
            if (candidate.result() == null) {
                continue;
            }
            curves.put(candidate.number() + ": " + candidate.describe(), candidate.result().run().history());
            if (keep == Keep.all) {
                ModelStore.save(candidate.result().model(), new Path(dir, "candidate-" + candidate.number())
                        .toString(), true, candidate.result().files(), conf);
            }
        }
        AtomicDirectory.writeFile(fs, new Path(dir, "loss.png"), LossPlot.overlay(curves), true);
        AtomicDirectory.writeFile(fs, new Path(dir, "tune.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(json(result)), true);
    }

    private static ObjectNode json(Tuning.Result result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("metric", result.metric().id()).put("best", result.best().number())
                .put("seconds", result.seconds()).put("dataSets", result.dataSets()).put("jobs", result.rounds());
        ArrayNode candidates = root.putArray("candidates");
        for (Tuning.Candidate candidate : result.ranked()) {
            ObjectNode node = candidates.addObject();
            node.put("candidate", candidate.number());
            ObjectNode settings = node.putObject("settings");
            for (Map.Entry<Setting, Object> value : candidate.values().entrySet()) {
                settings.set(value.getKey().key(), JSON.valueToTree(value.getValue()));
            }
            if (candidate.result() == null) {
                node.put("state", "failed").put("reason", candidate.failure().getMessage());
                continue;
            }
            node.put("state", "finished");
            number(node, "score", candidate.score());
            node.put("stopReason", candidate.result().run().stopReason())
                    .put("iterations", candidate.result().run().iterations())
                    .put("seconds", candidate.result().seconds());
            node.set("training", JSON.valueToTree(candidate.result().training().asMap()));
            node.set("validation", JSON.valueToTree(candidate.result().validation().asMap()));
            ArrayNode history = node.putArray("history");
            for (IterationRecord record : candidate.result().run().history()) {
                ObjectNode row = history.addObject().put("iteration", record.iteration());
                number(row, "cost", record.cost());
                number(row, "loss", record.loss());
                number(row, "gradientNorm", record.gradientNorm());
                row.put("samples", record.samples());
                number(row, "seconds", record.seconds());
                number(row, "validationLoss", record.validationLoss());
                number(row, "validationAccuracy", record.validationAccuracy());
                number(row, "validationRmse", record.validationRmse());
            }
        }
        return root;
    }

    /** A figure, or null where there is none (NaN: JSON has no NaN). */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
