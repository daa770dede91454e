package io.github.sparkprop.internal.cli;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.predict.Predictor;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparkprop predict}: applies a saved model to data and writes the predictions. */
@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Applies a saved model to data and writes a directory of part files (as Spark writes data): "
                + "the input's non-feature columns (the label, ids, columns the model leaves out; with "
                + "--keep-columns the feature columns too), then 'prediction' (the original label value, or the "
                + "regression output) and, for a classifier, 'probability_<label>' per class, in the input's "
                + "order.", ""},
        footer = {"", "Example:",
            "  sparkprop predict --model models/mnist-mlp --input data/mnist-test-2k.csv.gz \\",
            "      --output predictions --output-format csv",
            "", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure."})
public final class PredictCommand implements Callable<Integer> {

    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory.")
    String modelDir;

    @Option(names = "--label", paramLabel = "COL",
            description = "A label column the data may have, kept in the output and never read as a feature. "
                    + "Default: the one the model was trained with, else 'label'.")
    String label;

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Where to write the predictions (a directory of part files).")
    String output;

    @Option(names = "--output-format", paramLabel = "csv|parquet",
            description = "The output format. Default: csv for CSV input, else parquet.")
    String outputFormat;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Replace an existing --output (an earlier prediction output only).")
    boolean overwrite;

    @Option(names = "--keep-columns", paramLabel = "all|COLS", split = ",",
            description = "Feature columns to keep in the output beside the others, so that predictions join back "
                    + "to the input: all, or a comma-separated list. Default: none (the non-feature columns only).")
    List<String> keepColumns;

    @Mixin
    SparkOptions sparkOptions;

    /** Picocli hands over the command's model on construction: the data settings' options join it. */
    @Spec
    void install(CommandSpec commandSpec) {
        this.spec = commandSpec;
        DataOptions.install(commandSpec);
    }

    @Override
    public Integer call() {
        DataOptions data = DataOptions.of(spec);
        String format = outputFormat;
        if (format != null && !format.equals("csv") && !format.equals("parquet")) {
            throw new InputException("--output-format must be csv or parquet, got '" + format + "'");
        }
        org.apache.hadoop.conf.Configuration files = sparkOptions.hadoopConfiguration();
        Predictor.checkOutput(output, overwrite, data.input(), files);
        Model model = ModelStore.load(modelDir, files);
        ModelInput.preflight(model, data, null, files);
        SparkSession spark = sparkOptions.session();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Predictor.checkOutput(output, overwrite, data.input(), context.hadoopConfiguration());
        DataSpec dataSpec = ModelInput.dataSpec(model, data, null);
        DataLoader.Validated input = DataLoader.validate(spark, dataSpec, ModelInput.labelColumn(model, label));
        if (input.features().count() != model.network().inputSize()) {
            throw new InputException("the model takes " + model.network().inputSize() + " features, "
                    + input.table().description() + " has " + input.features().count());
        }
        if (format == null) {
            format = input.table().format() == InputFormat.CSV ? "csv" : "parquet";
        }
        long written = Predictor.predict(spark, model, input, output, format, overwrite, data.partitions(),
                keepColumns);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d predictions written to %s (%s)%s%n", written, output, format,
                input.skipped() > 0 ? "; " + input.skipped() + " invalid rows skipped" : "");
        out.flush();
        return 0;
    }
}
