package io.github.sparkprop.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.Task;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import java.util.List;

/**
 * A trained network and what is needed to use it on raw data.
 *
 * @param network  layer sizes, activations and loss
 * @param weights  the flat parameters in {@link Network}'s layout
 * @param task     classification or regression
 * @param labels   original label values in output-unit order (classification), else null
 * @param features input column names in order, or null when the model does not name them (or reads a vector)
 * @param vectorColumn the vector column that holds all n_0 inputs, or null when the inputs are columns
 * @param scaler   the standardisation applied before the first layer, or null
 * @param training settings, provenance and final figures of the run that made it, or null
 */
public record Model(Network network, double[] weights, Task task, List<String> labels, List<String> features,
        String vectorColumn, Scaler scaler, ObjectNode training) {

    public Model {
        if (weights.length != network.parameterCount()) {
            throw new IllegalArgumentException("network " + network + " has " + network.parameterCount()
                    + " parameters, got " + weights.length);
        }
        if (features != null && features.size() != network.inputSize()) {
            throw new IllegalArgumentException(features.size() + " feature names for " + network.inputSize()
                    + " inputs");
        }
        if (features != null && vectorColumn != null) {
            throw new IllegalArgumentException("a model reads either feature columns or one vector column");
        }
        if (scaler != null && scaler.size() != network.inputSize()) {
            throw new IllegalArgumentException("scaler of " + scaler.size() + " for " + network.inputSize() + " inputs");
        }
        if (task == Task.CLASSIFICATION && labels != null && labels.size() != classCount(network)) {
            throw new IllegalArgumentException(labels.size() + " labels for " + classCount(network) + " classes");
        }
        labels = labels == null ? null : List.copyOf(labels);
        features = features == null ? null : List.copyOf(features);
    }

    /** The input columns to read: the feature columns, the vector column, or null when the model names none. */
    public List<String> inputColumns() {
        return vectorColumn != null ? List.of(vectorColumn) : features;
    }

    /** The number of classes a classifier network tells apart: 2 for one output unit, else n_L. */
    public static int classCount(Network network) {
        return network.outputSize() == 1 ? 2 : network.outputSize();
    }
}
