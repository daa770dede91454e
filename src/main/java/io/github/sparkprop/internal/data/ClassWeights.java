package io.github.sparkprop.internal.data;

import io.github.sparkprop.InputException;
import io.github.sparkprop.SettingException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Weights per class for imbalanced data, multiplied into each sample's weight: {@code balanced} gives
 * class c the weight m / (k m_c) (m rows, k classes, m_c rows of class c), so every class weighs the same
 * in the loss; or explicit weights w_0, ..., w_{k-1} in class-index order.
 *
 * @param balanced whether the weights follow the class frequencies
 * @param explicit the explicit weights, or null when balanced
 */
public record ClassWeights(boolean balanced, double[] explicit) implements Serializable {

    /** Parses {@code balanced} or a comma-separated list of non-negative weights. */
    public static ClassWeights parse(String text) {
        if (text.equals("balanced")) {
            return new ClassWeights(true, null);
        }
        try {
            double[] weights = Arrays.stream(text.split(",")).map(String::trim).mapToDouble(Double::parseDouble)
                    .toArray();
            for (double w : weights) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new NumberFormatException();
                }
            }
            if (Arrays.stream(weights).allMatch(w -> w == 0)) {
                throw new SettingException("classWeights", text, "must give some class a weight above 0 (with every "
                        + "weight 0 no row counts)");
            }
            return new ClassWeights(false, weights);
        } catch (NumberFormatException e) {
            throw new InputException("{classWeights} must be 'balanced' or finite weights >= 0 separated by commas, "
                    + "got '" + text + "'");
        }
    }

    /**
     * The weight of each class.
     *
     * @param labels the classes in index order
     * @param counts rows per class label
     */
    double[] resolve(List<String> labels, Map<String, Long> counts) {
        if (!balanced) {
            if (explicit.length != labels.size()) {
                throw new InputException("{classWeights} has " + explicit.length + " weights for the "
                        + labels.size() + " classes " + String.join(", ", labels) + " (in this order)");
            }
            double mass = 0;
            for (int c = 0; c < labels.size(); c++) {
                mass += explicit[c] * counts.getOrDefault(labels.get(c), 0L);
            }
            if (mass == 0) {
                throw new SettingException("classWeights", "{classWeights} " + Arrays.toString(explicit)
                        + " leaves no weight to the classes the rows have (" + counts.keySet() + "): no row counts");
            }
            return explicit.clone();
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double[] weights = new double[labels.size()];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = (double) total / (labels.size() * counts.getOrDefault(labels.get(c), 0L));
        }
        return weights;
    }
}
