package io.github.sparkprop.internal.train;

import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training job returns: the model (with its settings, provenance and final figures in
 * {@code training}), the run it went through, and the final figures.
 *
 * @param model           the trained model
 * @param run             the weights, the history per iteration and why it stopped
 * @param seconds         the time of the training loop
 * @param training        the figures on the training rows
 * @param validation      the figures on the validation rows, or null without any
 * @param test            the figures on the test rows, or null without any
 * @param testDescription what the test rows are (files, or the held-out fraction), or null
 * @param warning         why the loss did not come down and what to try, or null when it did
 */
public record TrainingResult(Model model, TrainingRun run, double seconds, Metrics training, Metrics validation,
        Metrics test, String testDescription, String warning) {

    /** The files saved beside the model: history.csv (one line per iteration) and loss.png (its curves). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelStore.HISTORY, run.historyCsv().getBytes(StandardCharsets.UTF_8));
        files.put(ModelStore.LOSS_PLOT, LossPlot.png(run.history()));
        return files;
    }
}
