package io.github.sparkprop.math;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The activation function of a layer, a = f(z): one class each (a record, so that two instances of one
 * activation are equal, as a deserialized network's are to the constants here), registered once in
 * {@link Activations}, from which the ids, the hidden-layer choices, model.json and the help texts derive.
 *
 * <p>f and f' work in place on a block stored column-major (one column per sample), so a hidden layer's
 * activation costs one pass over its n_l x B matrix and no allocation. The derivative is written from the
 * output a where that works (sigmoid: f' = a (1 - a)); an activation whose derivative needs the
 * pre-activation z (GELU, SiLU: not monotonic, so a does not determine z) says so with {@link #needsZ()}, and
 * the network then keeps z^l for its layers.
 *
 * <p>This interface declares no default (or other non-static, non-abstract) methods, on purpose: a class's
 * initialisation then never initialises this interface (JLS 12.4.1), so its constants, instances of the
 * implementations, cannot deadlock against an implementation initialised on another thread.
 */
public interface Activation extends Serializable {

    /** f(z) = max(0, z). */
    Activation RELU = new Relu();
    /** f(z) = z for z &gt; 0, else 0.01 z. */
    Activation LEAKY_RELU = new LeakyRelu();
    /** f(z) = tanh(z). */
    Activation TANH = new Tanh();
    /** f(z) = 1 / (1 + e^-z). */
    Activation SIGMOID = new Sigmoid();
    /** f(z) = z. */
    Activation IDENTITY = new Identity();
    /** f(z)_k = e^{z_k} / sum_j e^{z_j}, output layers only. */
    Activation SOFTMAX = new Softmax();

    /**
     * The name used on the command line and in model.json: {@code sigmoid}, {@code leaky-relu}, ...
     *
     * @return the id, lower case, words joined by a hyphen
     */
    String id();

    /**
     * Replaces z (units x samples, column-major) with a = f(z), in place.
     *
     * @param z       the pre-activations, one column of {@code units} values per sample; holds a on return
     * @param units   the number of rows, the layer's n_l (softmax normalises over them)
     * @param samples the number of columns; only the first units x samples entries of z are touched
     */
    void apply(double[] z, int units, int samples);

    /**
     * As {@link #apply(double[], int, int)}, in float (the hidden layers of {@link Precision#FLOAT32}).
     *
     * @param z       the pre-activations, units x samples, column-major; holds a on return
     * @param units   the number of rows, the layer's n_l
     * @param samples the number of columns
     */
    void apply(float[] z, int units, int samples);

    /**
     * delta_i &lt;- delta_i f'(z_i) for the first {@code length} entries, f' written from a_i = f(z_i) or, when
     * {@link #needsZ()}, from z_i.
     *
     * @param z      the pre-activations when {@link #needsZ()}, else null
     * @param a      the outputs f(z) when not {@link #needsZ()}, else null
     * @param delta  the error backpropagated to this layer's outputs; holds delta .* f' on return
     * @param length the number of entries, units x samples for a block (z or a and delta share one layout)
     */
    void multiplyByDerivative(double[] z, double[] a, double[] delta, int length);

    /**
     * As {@link #multiplyByDerivative(double[], double[], double[], int)}, in float.
     *
     * @param z      the pre-activations when {@link #needsZ()}, else null
     * @param a      the outputs f(z) when not {@link #needsZ()}, else null
     * @param delta  the error backpropagated to this layer's outputs; holds delta .* f' on return
     * @param length the number of entries, units x samples for a block
     */
    void multiplyByDerivative(float[] z, float[] a, float[] delta, int length);

    /**
     * Whether f' is computed from the pre-activation z rather than from the output a.
     *
     * @return true when {@link #multiplyByDerivative} reads z (a does not determine z), false when it reads a
     */
    boolean needsZ();

    /**
     * Whether a hidden layer may have this activation (softmax: output layers only).
     *
     * @return false for an output-only activation
     */
    boolean isHiddenCapable();

    /**
     * How the initial weights of a layer of this activation are drawn.
     *
     * @return the scheme of the limit r of the layer's uniform weights U(-r, r)
     */
    WeightInit.Scheme weightInit();

    /**
     * The ONNX nodes (domain ai.onnx, opset 13) that compute a = f(z) from z, with the Softmax over each
     * sample's units (axis 1: the graph's samples are rows).
     *
     * @param <T>   a value of the graph ({@link OnnxNodes})
     * @param nodes where the nodes are added
     * @param z     the layer's pre-activations in the graph
     * @return a, the nodes' output (or z itself when f is the identity)
     */
    <T> T onnx(OnnxNodes<T> nodes, T z);

    /**
     * Every registered activation, in the order help texts list them.
     *
     * @return the activations of {@link Activations}, an unmodifiable list
     */
    static List<Activation> all() {
        return Activations.ALL;
    }

    /**
     * The ids of the activations a hidden layer may have, in registration order.
     *
     * @return the {@link #id()} of every activation that {@link #isHiddenCapable()}
     */
    static List<String> hiddenIds() {
        return all().stream().filter(Activation::isHiddenCapable).map(Activation::id).toList();
    }

    /**
     * The activation with the given {@link #id()}.
     *
     * @param id an activation's id, e.g. {@code relu}, matched exactly (case-sensitive)
     * @return the registered activation of that id
     * @throws IllegalArgumentException naming the valid ids
     */
    static Activation fromId(String id) {
        for (Activation activation : all()) {
            if (activation.id().equals(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; valid: "
                + all().stream().map(Activation::id).collect(Collectors.joining(", ")));
    }
}
