package io.github.sparkprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.model.Model;
import io.github.sparkprop.model.ModelStore;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Override
    public Integer call() {
        Model model = ModelStore.load(modelDir, new Configuration());
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
        if (model.scaler() != null) {
            out.println("  scaler      standardises " + model.scaler().size() + " inputs"
                    + (model.scaler().centres() ? " (mean and std)" : " (std only)"));
        }
        JsonNode training = model.training();
        if (training != null) {
            out.println("training");
            for (Iterator<Map.Entry<String, JsonNode>> it = training.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.printf("  %-18s %s%n", field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                        : abbreviate(field.getValue().toString()));
            }
        }
        out.flush();
        return 0;
    }

    private static String preview(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 397) + "...";
    }
}
