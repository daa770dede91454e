package io.github.sparkprop.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.train.IterationRecord;
import java.util.List;

/**
 * What a fit went through: the objective per iteration, the validation loss per iteration (when a
 * validation indicator column was set), why it stopped, and the metrics of the final weights. Kept with the
 * model that {@code fit} returns; a model that was loaded has none.
 */
public final class TrainingSummary {

    private final List<IterationRecord> history;
    private final String stopReason;
    private final boolean converged;
    private final String warning;
    private final Metrics trainingMetrics;
    private final Metrics validationMetrics;

    TrainingSummary(List<IterationRecord> history, String stopReason, boolean converged, String warning,
            Metrics trainingMetrics, Metrics validationMetrics) {
        this.history = List.copyOf(history);
        this.stopReason = stopReason;
        this.converged = converged;
        this.warning = warning;
        this.trainingMetrics = trainingMetrics;
        this.validationMetrics = validationMetrics;
    }

    /**
     * The iterations run.
     *
     * @return the number of iterations, the length of {@link #objectiveHistory()}
     */
    public int totalIterations() {
        return history.size();
    }

    /**
     * The cost J (data loss plus L2) at the start of each iteration, one entry per iteration.
     *
     * @return the per-iteration objective, earliest first
     */
    public double[] objectiveHistory() {
        return history.stream().mapToDouble(IterationRecord::cost).toArray();
    }

    /**
     * The data loss without L2, one entry per iteration.
     *
     * @return the per-iteration data loss, earliest first
     */
    public double[] lossHistory() {
        return history.stream().mapToDouble(IterationRecord::loss).toArray();
    }

    /**
     * The validation rows' loss at each iteration's weights, one entry per evaluated iteration (every evalEvery
     * iterations, 1 by default); empty without a validation indicator column.
     *
     * @return the validation loss of the evaluated iterations, earliest first
     */
    public double[] validationHistory() {
        return history.stream().filter(IterationRecord::hasValidation).mapToDouble(IterationRecord::validationLoss)
                .toArray();
    }

    /**
     * Why training stopped, e.g. "completed 100 iterations" or "converged: ...".
     *
     * @return the reason, with the iteration it stopped at when a convergence test stopped it
     */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Whether a convergence test ended training (the tolerance, the line search finding no further decrease, early
     * stopping) rather than maxIter.
     *
     * @return true when a convergence test stopped training, false when it ran all maxIter iterations
     */
    public boolean converged() {
        return converged;
    }

    /**
     * Why the loss did not come down (it rose, or stopped improving) and what to try, or null when it did.
     *
     * @return the warning, or null
     */
    public String warning() {
        return warning;
    }

    /**
     * Accuracy, log loss, precision/recall/F1 per class (or RMSE, MAE, R^2) on the training rows.
     *
     * @return the metrics of the model's weights on the training rows
     */
    public Metrics trainingMetrics() {
        return trainingMetrics;
    }

    /**
     * The same on the validation rows, or null without a validation indicator column.
     *
     * @return the metrics of the model's weights on the validation rows, or null
     */
    public Metrics validationMetrics() {
        return validationMetrics;
    }

    /**
     * {@link #trainingMetrics()} as a JSON object ({@link Metrics#asMap()}), for the Python package.
     *
     * @return the JSON text of one object
     */
    public String trainingMetricsJson() {
        return json(trainingMetrics);
    }

    /**
     * {@link #validationMetrics()} as a JSON object, or null without a validation indicator column.
     *
     * @return the JSON text of one object, or null
     */
    public String validationMetricsJson() {
        return validationMetrics == null ? null : json(validationMetrics);
    }

    private static String json(Metrics metrics) {
        try {
            return new ObjectMapper().writeValueAsString(metrics.asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics that JSON cannot hold: " + metrics.asMap(), e);
        }
    }
}
