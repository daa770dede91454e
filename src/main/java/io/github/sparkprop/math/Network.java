package io.github.sparkprop.math;

import io.github.sparkprop.internal.JvmLimits;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The shape of a feed-forward network: layer sizes n_0 .. n_L, the activation f_l of each layer l = 1..L
 * and the loss; and the layout of all its parameters in one flat {@code double[]}.
 *
 * <p>Layout, for l = 1..L in order: W^l (n_l x n_{l-1}, row-major, so W^l_ji is at j * n_{l-1} + i)
 * followed by b^l (n_l). Row-major W^l is the layout of safetensors and of PyTorch's nn.Linear; seen by
 * column-major BLAS it is (W^l)^T with leading dimension n_{l-1}.
 */
public final class Network implements Serializable {

    /** n_0, n_1, ..., n_L. */
    private final int[] layers;
    /** f_1 .. f_L: activations[l - 1] is f_l. */
    private final Activation[] activations;
    /** The loss, fused with f_L into {@link #outputLayer}. */
    private final Loss loss;
    /** The output activation f_L fused with the loss. */
    private final OutputLayer outputLayer;
    /** weightOffsets[l] is the offset of W^l (l = 1..L) in the flat parameters; weightOffsets[0] is unused. */
    private final int[] weightOffsets;
    /** The length of the flat parameters, sum over l of n_l n_{l-1} + n_l. */
    private final int parameterCount;

    /**
     * @param layers      n_0, n_1, ..., n_L (at least two, all positive)
     * @param activations f_1 .. f_L (one per weight layer; softmax only for the last)
     * @param loss        the loss
     * @throws IllegalArgumentException for an invalid shape or output/loss pairing
     */
    public Network(int[] layers, Activation[] activations, Loss loss) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("a network needs an input and an output layer, got " + layers.length
                    + " layer size(s)");
        }
        for (int size : layers) {
            if (size < 1) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(layers));
            }
        }
        if (activations.length != layers.length - 1) {
            throw new IllegalArgumentException("need " + (layers.length - 1) + " activations, got " + activations.length);
        }
        for (int l = 0; l < activations.length - 1; l++) {
            if (!activations[l].isHiddenCapable()) {
                throw new IllegalArgumentException(activations[l].id() + " is an output activation only; hidden "
                        + "activations: " + String.join(", ", Activation.hiddenIds()));
            }
        }
        this.layers = layers.clone();
        this.activations = activations.clone();
        this.loss = loss;
        this.outputLayer = OutputLayer.of(activations[activations.length - 1], loss, layers[layers.length - 1]);
        this.weightOffsets = new int[layers.length];
        long offset = 0;
        for (int l = 1; l < layers.length; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) layers[l] * layers[l - 1] + layers[l];
        }
        if (offset > JvmLimits.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("network too large: " + offset + " parameters");
        }
        this.parameterCount = (int) offset;
    }

    /**
     * A network of the given hidden sizes, all with one hidden activation, and an output layer.
     *
     * @param inputs           n_0, the number of input features
     * @param hidden           n_1 .. n_{L-1}, the hidden layers' sizes (none for a network without hidden layers)
     * @param hiddenActivation f_1 .. f_{L-1}, the activation of every hidden layer
     * @param outputs          n_L, the number of output units
     * @param output           f_L, the output activation
     * @param loss             the loss
     * @return the network inputs -&gt; hidden... -&gt; outputs
     * @throws IllegalArgumentException for an invalid shape or output/loss pairing (see the constructor)
     */
    public static Network of(int inputs, int[] hidden, Activation hiddenActivation, int outputs, Activation output,
            Loss loss) {
        int[] layers = new int[hidden.length + 2];
        Activation[] activations = new Activation[hidden.length + 1];
        layers[0] = inputs;
        for (int i = 0; i < hidden.length; i++) {
            layers[i + 1] = hidden[i];
            activations[i] = hiddenActivation;
        }
        layers[hidden.length + 1] = outputs;
        activations[hidden.length] = output;
        return new Network(layers, activations, loss);
    }

    /**
     * L, the number of weight layers.
     *
     * @return L, at least 1
     */
    public int depth() {
        return layers.length - 1;
    }

    /**
     * n_l for l = 0..L.
     *
     * @param l the layer, 0 for the input
     * @return n_l, the number of units of layer l
     */
    public int size(int l) {
        return layers[l];
    }

    /**
     * n_0, the number of input features.
     *
     * @return n_0
     */
    public int inputSize() {
        return layers[0];
    }

    /**
     * n_L, the number of output units.
     *
     * @return n_L
     */
    public int outputSize() {
        return layers[layers.length - 1];
    }

    /**
     * n_0 .. n_L (a copy).
     *
     * @return a new array of the L + 1 layer sizes
     */
    public int[] layers() {
        return layers.clone();
    }

    /**
     * f_l for l = 1..L.
     *
     * @param l the weight layer, 1..L
     * @return f_l, the activation of layer l
     */
    public Activation activation(int l) {
        return activations[l - 1];
    }

    /**
     * f_1 .. f_L (a copy).
     *
     * @return a new array of the L activations, f_l at index l - 1
     */
    public Activation[] activations() {
        return activations.clone();
    }

    /**
     * The loss.
     *
     * @return the per-sample loss the network is trained with
     */
    public Loss loss() {
        return loss;
    }

    /**
     * The output activation fused with the loss.
     *
     * @return the output layer of f_L and the loss, for n_L units
     */
    public OutputLayer outputLayer() {
        return outputLayer;
    }

    /**
     * Offset of W^l (l = 1..L) in the flat parameter vector.
     *
     * @param l the weight layer, 1..L
     * @return the index of W^l_00; W^l_ji is at this offset + j * n_{l-1} + i
     */
    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    /**
     * Offset of b^l (l = 1..L) in the flat parameter vector.
     *
     * @param l the weight layer, 1..L
     * @return the index of b^l_0, right after W^l: {@link #weightOffset(int) weightOffset(l)} + n_l n_{l-1}
     */
    public int biasOffset(int l) {
        return weightOffsets[l] + layers[l] * layers[l - 1];
    }

    /**
     * Number of parameters, sum over l of n_l n_{l-1} + n_l.
     *
     * @return the length of the flat parameter vector
     */
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network other && Arrays.equals(layers, other.layers)
                && Arrays.equals(activations, other.activations) && loss == other.loss;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(layers) + Arrays.hashCode(activations)) + loss.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(layers[0]);
        for (int l = 1; l < layers.length; l++) {
            s.append(" -> ").append(layers[l]).append(' ').append(activations[l - 1].id());
        }
        return s.append(", ").append(loss.id()).append(" loss").toString();
    }
}
