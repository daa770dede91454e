package io.github.sparkprop.ml;

import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import io.github.sparkprop.math.SparseColumns;
import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * A network with its weights and input scaling, scoring one feature vector at a time as Spark ML's
 * per-row transform asks: the forward pass of a block of one, in the buffers of this thread.
 */
final class NetworkScorer implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The dense input of one sample, per thread, shared by every scorer. */
    private static final ThreadLocal<double[]> INPUT = ThreadLocal.withInitial(() -> new double[0]);

    private final Network network;
    private final double[] weights;
    private final Scaler scaler;

    NetworkScorer(Network network, double[] weights, Scaler scaler) {
        this.network = network;
        this.weights = weights;
        this.scaler = scaler;
    }

    Network network() {
        return network;
    }

    double[] weights() {
        return weights;
    }

    Scaler scaler() {
        return scaler;
    }

    /**
     * The output layer's pre-activations z^L for one sample, in a buffer of this thread that the next call
     * overwrites. A sparse vector goes through the first layer as its non-zeros (unless it must be scaled).
     *
     * @throws IllegalArgumentException when the vector's size is not the network's input size
     */
    double[] logits(Vector features) {
        if (features.size() != network.inputSize()) {
            throw new IllegalArgumentException("the network takes " + network.inputSize() + " features, the vector "
                    + "has " + features.size());
        }
        Backprop backprop = Backprop.forThisThread(network);
        if (features instanceof SparseVector sparse && scaler == null) {
            int[] indices = sparse.indices();
            return backprop.logits(weights, new SparseColumns(network.inputSize(), new int[] {0, indices.length},
                    indices, sparse.values()));
        }
        return backprop.logits(weights, dense(features), 1);
    }

    /** The values as a dense array, scaled: the vector's own array when it is dense and nothing is scaled. */
    private double[] dense(Vector features) {
        if (features instanceof DenseVector dense && scaler == null) {
            return dense.values();
        }
        double[] x = INPUT.get();
        if (x.length < network.inputSize()) {
            x = new double[network.inputSize()];
            INPUT.set(x);
        }
        if (features instanceof SparseVector sparse) {
            java.util.Arrays.fill(x, 0, network.inputSize(), 0.0);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                x[indices[k]] = values[k];
            }
        } else {
            System.arraycopy(((DenseVector) features).values(), 0, x, 0, network.inputSize());
        }
        if (scaler != null) {
            scaler.apply(x, 0);
        }
        return x;
    }
}
