package io.github.sparkprop.math;

import java.util.List;

/**
 * The registry of activations: one line each. The command line's and the ML params' hidden-layer choices, the
 * ids model.json is read with and the help texts all come from this list, so an activation is added by its own
 * class and one line here.
 */
final class Activations {

    /** In the order help texts list them. */
    static final List<Activation> ALL = List.of(
            Activation.RELU,
            Activation.LEAKY_RELU,
            Activation.TANH,
            Activation.SIGMOID,
            Activation.IDENTITY,
            new Gelu(),
            new Silu(),
            Activation.SOFTMAX);

    private Activations() {
    }
}
