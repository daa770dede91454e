package io.github.sparkprop.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.encoding.InputEncoding;
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
 * @param inputs   how the input columns become the network's inputs, when that is more than reading numbers
 *                 (categories, dates, booleans, fill values for missing values), else null; the features are
 *                 then its input names ({@link InputEncoding#featureNames()})
 */
public record Model(Network network, double[] weights, Task task, List<String> labels, List<String> features,
        String vectorColumn, Scaler scaler, ObjectNode training, InputEncoding inputs) {

    /** A model whose inputs are numbers in columns (or a vector column). */
    public Model(Network network, double[] weights, Task task, List<String> labels, List<String> features,
            String vectorColumn, Scaler scaler, ObjectNode training) {
        this(network, weights, task, labels, features, vectorColumn, scaler, training, null);
    }

    public Model {
        if (inputs != null && inputs.plainNumbers()) {
            features = inputs.columnNames();
            inputs = null;
        }
        if (inputs != null) {
            if (features != null && !features.equals(inputs.featureNames())) {
                throw new IllegalArgumentException("the features " + features + " are not the inputs' "
                        + inputs.featureNames());
            }
            features = inputs.featureNames();
        }
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
        return inputs != null ? inputs.columnNames() : vectorColumn != null ? List.of(vectorColumn) : features;
    }

    /** How the input columns become the network's inputs: numbers in the named columns unless said otherwise. */
    public InputEncoding encoding() {
        return inputs != null ? inputs : features != null ? InputEncoding.numeric(features) : null;
    }

    /** The number of classes a classifier network tells apart: 2 for one output unit, else n_L. */
    public static int classCount(Network network) {
        return network.outputSize() == 1 ? 2 : network.outputSize();
    }
}
