package io.github.sparkprop.internal.predict;

import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * What the executors need to predict rows: the network and its (broadcast) weights, the scaler, where the
 * features are in a row (scalar columns with their encoding, read leniently or not: {@code HandleInvalid}, or one
 * vector column kept sparse or not), where a CSV row says it
 * has the wrong number of fields (-1 for other formats), which input columns the output keeps,
 * and the class labels (null for regression), written as numbers when they all are.
 */
record PredictionSpec(Network network, Broadcast<double[]> weights, Scaler scaler, int[] featureIndices,
        InputEncoding encoding, boolean lenient, int vectorIndex, int malformedIndex, boolean sparse, int[] keptIndices,
        List<String> labels, boolean numericLabels, boolean integralLabels) implements Serializable {

    /** Rows predicted per forward pass. */
    static final int BLOCK = 512;
}
