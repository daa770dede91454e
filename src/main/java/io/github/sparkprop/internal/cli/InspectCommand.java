package io.github.sparkprop.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.math.Network;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparkprop inspect}: describes a saved model without starting Spark. */
@Command(name = "inspect", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Describes a saved model: its layers, parameter count, activations, loss, labels, features, "
                + "scaler, and the settings, provenance and final figures of the run that trained it.", ""},
        footer = {"", "Example:", "  sparkprop inspect --model models/mnist-mlp",
            "", "Exit codes: 0 success, 2 bad usage or bad model, 1 internal failure."})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory.")
    String modelDir;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Model model = ModelStore.load(modelDir, sparkOptions.hadoopConfiguration());
        Network network = model.network();
        PrintWriter out = spec.commandLine().getOut();
        out.println("model " + modelDir);
        out.println("  network     " + network);
        out.printf("  parameters  %,d%n", network.parameterCount());
        out.println("  task        " + model.task().id());
        if (model.labels() != null) {
            out.println("  labels      " + preview(model.labels()));
        }
        out.println("  inputs      " + (model.vectorColumn() != null ? "vector column '" + model.vectorColumn() + "' of "
                + network.inputSize() : model.features() != null ? preview(model.features()) : network.inputSize()
                + " unnamed columns"));
        if (model.inputs() != null) {
            out.println("  columns     " + model.inputs().columns().size() + ", encoded as the data gave them:");
            for (InputColumn column : model.inputs().columns()) {
                out.println("    " + column.name() + ": " + describe(column));
            }
        }
        if (model.scaler() != null) {
            out.println("  scaler      standardises " + model.scaler().size() + " inputs"
                    + (model.scaler().centres() ? " (mean and std)" : " (std only)"));
        }
        JsonNode training = model.training();
        if (training != null) {
            out.println("training");
            for (Iterator<Map.Entry<String, JsonNode>> it = training.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (field.getKey().equals("settings")) {
                    value.fields().forEachRemaining(setting -> {
                        if (!training.has(setting.getKey())) { // the label: listed once, with the run's figures
                            out.printf("  %-18s %s%n", setting.getKey(), text(setting.getValue()));
                        }
                    });
                } else if (field.getKey().endsWith("Metrics")) {
                    out.printf("  %-18s %s%n", field.getKey(), figures(value));
                } else {
                    out.printf("  %-18s %s%n", field.getKey(), text(value));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String preview(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The headline figures of a metrics object: samples, accuracy, losses, AUC, RMSE, MAE, R^2. */
    private static String figures(JsonNode metrics) {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("samples", "accuracy", "logLoss", "squaredLoss", "auc", "rmse", "mae", "r2")) {
            if (metrics.has(name) && !metrics.get(name).isNull()) {
                s.append(s.length() == 0 ? "" : "  ").append(name).append(' ').append(metrics.get(name).asText());
            }
        }
        return s.toString();
    }

    /** A column's encoding in a few words: its kind, categories or fill values. */
    private static String describe(InputColumn column) {
        String fill = column.fills() == null ? "" : ", a missing value filled with " + column.fills().stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return column.kind() == ColumnKind.CATEGORICAL ? "categorical, " + column.categories().size()
                + " categories (" + preview(column.categories()) + ")" + (column.missingCategory()
                        ? " and one for a missing value" : "") : column.kind().id() + fill;
    }
}
