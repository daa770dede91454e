package io.github.sparkprop.internal.onnx;

import java.util.Locale;

/** What an exported graph reads: the table's own columns, or one vector of the network's inputs. */
public enum OnnxInputs {
    /**
     * One graph input per input column, named as the column, the model's encoding (fill values, categories,
     * dates) inside the graph; a model that reads one vector column reads it under that column's name.
     */
    COLUMNS,
    /** One float input {@code features} [N, n_0], for models whose inputs are numbers in columns or a vector. */
    VECTOR;

    /** The name on the command line: columns, vector. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
