package io.github.sparkprop.evaluate;

import io.github.sparkprop.math.Loss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a model on a data set. Classifiers: accuracy, the mean loss, the log loss (the loss itself for
 * cross-entropy), per-class precision, recall and F1, the confusion matrix and, for two classes, the area
 * under the ROC curve. Regression: RMSE, MAE and R^2.
 *
 * @param samples   the number of samples scored
 * @param lossFunction the network's loss
 * @param loss      mean per-sample loss, no regularisation
 * @param logLoss   mean -log p(true class) of the probabilities the model reports (classifiers), else NaN
 * @param labels    class labels in index order, or null for regression
 * @param confusion counts, [true class][predicted class], or null for regression
 * @param rmse      root mean squared error sqrt(sum_i (y_hat_i - y_i)^2 / m) (regression), else NaN
 * @param mae       mean absolute error sum_i |y_hat_i - y_i| / m (regression), else NaN
 * @param r2        R^2 = 1 - sum_i (y_hat_i - y_i)^2 / sum_i (y_i - mean y)^2 (regression; NaN for a constant
 *                  target), else NaN
 * @param auc       area under the ROC curve (two classes, once {@link #withAuc} has added it), else NaN
 */
public record Metrics(long samples, Loss lossFunction, double loss, double logLoss, List<String> labels,
        long[][] confusion, double rmse, double mae, double r2, double auc) {

    /**
     * Regression figures computed on a standardised target y' = (y - mean) / std, in the target's own units: the
     * squared loss times std^2, RMSE and MAE times std; R^2 is the same in both.
     *
     * @param std the standard deviation the target was divided by
     * @return the figures in the target's units
     */
    public Metrics inTargetUnits(double std) {
        return new Metrics(samples, lossFunction, loss * std * std, logLoss, labels, confusion, rmse * std, mae * std,
                r2, auc);
    }

    /**
     * The same figures with the area under the ROC curve.
     *
     * @param areaUnderRoc the AUC of the positive class's score, in [0, 1] (NaN with one class)
     * @return a copy of these figures with {@link #auc()} set
     */
    public Metrics withAuc(double areaUnderRoc) {
        return new Metrics(samples, lossFunction, loss, logLoss, labels, confusion, rmse, mae, r2, areaUnderRoc);
    }

    /**
     * Of the samples predicted as class c, the fraction that are c (NaN when none is).
     *
     * @param c a class index, 0 .. k-1 (a row and column of the confusion matrix); classifiers only
     * @return confusion[c][c] / sum_i confusion[i][c], in [0, 1], or NaN
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
    }

    /**
     * Of the samples of class c, the fraction predicted as c (NaN when there are none).
     *
     * @param c a class index, 0 .. k-1 (a row and column of the confusion matrix); classifiers only
     * @return confusion[c][c] / sum_j confusion[c][j], in [0, 1], or NaN
     */
    public double recall(int c) {
        long actual = 0;
        for (long n : confusion[c]) {
            actual += n;
        }
        return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
    }

    /**
     * The harmonic mean of precision and recall of class c (0 when both are 0, NaN when either is).
     *
     * @param c a class index, 0 .. k-1 (a row and column of the confusion matrix); classifiers only
     * @return F1 = 2 p r / (p + r), in [0, 1], or NaN
     */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Whether these are a classifier's figures.
     *
     * @return true when there are class labels (and a confusion matrix), false for regression
     */
    public boolean isClassification() {
        return labels != null;
    }

    /**
     * The fraction of samples whose predicted class is the true one.
     *
     * @return the trace of the confusion matrix over the number of samples, or NaN for regression or no sample
     */
    public double accuracy() {
        if (confusion == null) {
            return Double.NaN;
        }
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return samples == 0 ? Double.NaN : (double) correct / samples;
    }

    /** A figure for JSON: the number, or null where it is undefined (NaN: no sample predicted as a class). */
    private static Double figure(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /**
     * The figures as an ordered map, for JSON output (undefined figures as null).
     *
     * @return a new map: samples, then for classifiers accuracy, logLoss, squaredLoss (squared loss only), auc
     *         (two classes), labels, perClass and confusionMatrix; for regression rmse, mae and r2
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("samples", samples);
        if (isClassification()) {
            map.put("accuracy", figure(accuracy()));
            map.put("logLoss", figure(logLoss));
            if (lossFunction != Loss.CROSS_ENTROPY) {
                map.put("squaredLoss", figure(loss));
            }
            if (labels.size() == 2) {
                map.put("auc", figure(auc));
            }
            map.put("labels", labels);
            List<Map<String, Object>> perClass = new java.util.ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("label", labels.get(c));
                figures.put("precision", figure(precision(c)));
                figures.put("recall", figure(recall(c)));
                figures.put("f1", figure(f1(c)));
                perClass.add(figures);
            }
            map.put("perClass", perClass);
            map.put("confusionMatrix", confusion);
        } else {
            map.put("rmse", figure(rmse));
            map.put("mae", figure(mae));
            map.put("r2", figure(r2));
        }
        return map;
    }

    /** 0.1234, or "-" where a figure has no value (the precision of a class the model never predicts). */
    private static String fourPlaces(double x) {
        return Double.isNaN(x) ? "-" : String.format("%.4f", x);
    }

    /**
     * Human-readable lines: the main figures and, for classifiers, the per-class figures ("-" where one has no
     * value) and the confusion matrix.
     *
     * @return the lines, separated by newlines, without a final one
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (!isClassification()) {
            return s.append(String.format("samples %,d  RMSE %.6g  MAE %.6g  R^2 %.6f", samples, rmse, mae, r2))
                    .toString();
        }
        s.append(String.format("samples %,d  accuracy %.4f  log loss %.6g%s%s%n", samples, accuracy(), logLoss,
                lossFunction == Loss.CROSS_ENTROPY ? "" : String.format("  squared loss %.6g", loss),
                Double.isNaN(auc) ? "" : String.format("  AUC %.6f", auc)));
        s.append(String.format("%-14s %9s %9s %9s%n", "class", "precision", "recall", "F1"));
        for (int c = 0; c < labels.size(); c++) {
            s.append(String.format("%-14s %9s %9s %9s%n", labels.get(c), fourPlaces(precision(c)),
                    fourPlaces(recall(c)), fourPlaces(f1(c))));
        }
        s.append("confusion matrix (rows: true label, columns: predicted)\n");
        int width = 6;
        for (String label : labels) {
            width = Math.max(width, label.length() + 1);
        }
        for (long[] row : confusion) {
            for (long c : row) {
                width = Math.max(width, Long.toString(c).length() + 1);
            }
        }
        String cell = "%" + width + "s";
        s.append(String.format(cell, ""));
        for (String label : labels) {
            s.append(String.format(cell, label));
        }
        for (int i = 0; i < labels.size(); i++) {
            s.append('\n').append(String.format(cell, labels.get(i)));
            for (long c : confusion[i]) {
                s.append(String.format(cell, c));
            }
        }
        return s.toString();
    }
}
