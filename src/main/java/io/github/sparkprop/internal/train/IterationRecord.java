package io.github.sparkprop.internal.train;

import io.github.sparkprop.evaluate.Metrics;

/**
 * One line of the training history: the figures at the weights an iteration started from.
 *
 * @param iteration          1-based
 * @param cost               J(w) over the iteration's batch, L2 included (NaN for an empty mini-batch)
 * @param loss               the mean loss over the batch without the L2 term (comparable to the validation loss)
 * @param gradientNorm       ||dJ/dw||
 * @param samples            the samples in the batch
 * @param seconds            wall time of the iteration
 * @param validationLoss     mean loss on the validation data, or NaN when not evaluated
 * @param validationAccuracy accuracy on the validation data (classifiers), or NaN
 * @param validationRmse     RMSE on the validation data (regression), or NaN
 */
public record IterationRecord(int iteration, double cost, double loss, double gradientNorm, long samples,
        double seconds, double validationLoss, double validationAccuracy, double validationRmse) {

    static final String CSV_HEADER = "iteration,cost,loss,gradient_norm,samples,seconds,validation_loss,"
            + "validation_accuracy,validation_rmse";

    static IterationRecord of(int iteration, double cost, double loss, double gradientNorm, long samples,
            double seconds, Metrics validation) {
        if (validation == null) {
            return new IterationRecord(iteration, cost, loss, gradientNorm, samples, seconds, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        return new IterationRecord(iteration, cost, loss, gradientNorm, samples, seconds, validation.loss(),
                validation.accuracy(), validation.rmse());
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** The record as a line of history.csv (an empty field where a figure is missing). */
    String csv() {
        return iteration + "," + field(cost) + "," + field(loss) + "," + field(gradientNorm) + "," + samples + ","
                + field(seconds) + ","
                + field(validationLoss) + "," + field(validationAccuracy) + "," + field(validationRmse);
    }

    private static String field(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }
}
