package io.github.sparkprop.internal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.InputException;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.evaluate.Evaluator;
import io.github.sparkprop.internal.evaluate.RocAuc;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.spark.TreeDepth;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparkprop evaluate}: scores a saved model on labelled data. */
@Command(name = "evaluate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Scores a saved model on labelled data: accuracy, log loss, per-class precision, recall and "
                + "F1, the confusion matrix and (two classes) the area under the ROC curve for a classifier; RMSE, "
                + "MAE and R^2 for regression.", ""},
        footer = {"", "Example:",
            "  sparkprop evaluate --model models/mnist-mlp \\",
            "      --input data/mnist-test-2k.csv.gz --json",
            "", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure."})
public final class EvaluateCommand implements Callable<Integer> {

    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory.")
    String modelDir;

    @Option(names = "--label", paramLabel = "COL",
            description = "The label column. Default: the one the model was trained with, else 'label'.")
    String label;

    @Option(names = "--json", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Print one JSON object on standard output and nothing else there.")
    boolean json;

    @Mixin
    SparkOptions sparkOptions;

    /** Picocli hands over the command's model on construction: the data settings' options join it. */
    @Spec
    void install(CommandSpec commandSpec) {
        this.spec = commandSpec;
        DataOptions.install(commandSpec);
    }

    @Override
    public Integer call() throws Exception {
        DataOptions data = DataOptions.of(spec);
        org.apache.hadoop.conf.Configuration files = sparkOptions.hadoopConfiguration();
        Model model = ModelStore.load(modelDir, files);
        ModelInput.preflight(model, data, ModelInput.labelColumn(model, label), files);
        SparkSession spark = sparkOptions.session();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DataSpec dataSpec = ModelInput.dataSpec(model, data, ModelInput.labelColumn(model, label));
        LoadedData loaded = DataLoader.load(spark, dataSpec);
        try {
            if (loaded.features().count() != model.network().inputSize()) {
                throw new InputException("the model takes " + model.network().inputSize() + " features, "
                        + loaded.description() + " has " + loaded.features().count()
                        + (loaded.features().isVector() ? " in its vector column" : " columns besides the label"));
            }
            Metrics metrics = Evaluator.evaluate(context, loaded.blocks(), model.network(), model.weights(), model.labels(),
                    TreeDepth.forPartitions(loaded.blocks().getNumPartitions()), loaded.description());
            if (model.labels() != null && model.labels().size() == 2) {
                metrics = metrics.withAuc(RocAuc.of(context, loaded.blocks(), model.network(), model.weights()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(metrics.asMap()));
            } else {
                out.println("model " + modelDir + " on " + loaded.description()
                        + (loaded.skipped() > 0 ? " (" + loaded.skipped() + " invalid rows skipped)" : ""));
                out.println(metrics.describe());
            }
            out.flush();
        } finally {
            loaded.release();
        }
        return 0;
    }
}
