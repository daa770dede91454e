package io.github.sparkprop.internal.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.Task;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.Version;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.math.Network;
import java.time.Instant;

/**
 * What model.json's {@code training} records about the run that made a model: its settings (every value, with
 * what the run chose: the network, the penalty), the data, how the run ended and its final figures.
 */
final class Provenance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {
    }

    /**
     * The run's settings as recorded, and as checkpoints compare them: the spec's with the run's own choices (the
     * network, the task, the penalty).
     */
    static ObjectNode settings(TrainingSpec spec, Network network, Task task, long trainingRows, double l2) {
        ObjectNode settings = spec.describe();
        settings.put(RunSettings.TASK.key(), task.id());
        settings.putPOJO("layers", network.layers());
        settings.put("network", network.toString());
        settings.put("trainingRows", trainingRows);
        settings.put(TrainingSettings.L2.key(), l2);
        return settings;
    }

    /**
     * The {@code training} field of model.json.
     *
     * @param warning why the loss did not come down, or null
     */
    static ObjectNode of(TrainingSpec spec, ObjectNode settings, LoadedData training, TrainingRun run, double seconds,
            String warning, Metrics trainMetrics, Metrics validationMetrics, Metrics testMetrics) {
        ObjectNode provenance = JSON.createObjectNode();
        provenance.put("sparkpropVersion", Version.get());
        provenance.put("finishedAt", Instant.now().toString());
        provenance.put("label", spec.columns().label());
        provenance.put("rows", training.rows());
        provenance.put("skippedRows", training.skipped());
        provenance.set("settings", settings);
        provenance.put("partitions", training.blocks().getNumPartitions());
        provenance.put("iterationsRun", run.iterations());
        provenance.put("stopReason", run.stopReason());
        provenance.put("converged", run.converged());
        provenance.put("seconds", seconds);
        if (warning != null) {
            provenance.put("warning", warning);
        }
        putMetrics(provenance, "trainMetrics", trainMetrics);
        putMetrics(provenance, "validationMetrics", validationMetrics);
        putMetrics(provenance, "testMetrics", testMetrics);
        return provenance;
    }

    private static void putMetrics(ObjectNode provenance, String field, Metrics metrics) {
        if (metrics != null) {
            provenance.set(field, JSON.valueToTree(metrics.asMap()));
        }
    }
}
