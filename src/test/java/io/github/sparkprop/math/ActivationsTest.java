package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of activations: ids, the hidden-layer choices, and activations that travel with a network. */
class ActivationsTest {

    @Test
    void everyIdNamesOneActivation() {
        List<String> ids = Activation.all().stream().map(Activation::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids: " + ids);
        for (Activation activation : Activation.all()) {
            assertEquals(activation, Activation.fromId(activation.id()));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Activation.fromId("swish"));
        assertEquals("unknown activation 'swish'; valid: " + String.join(", ", ids), unknown.getMessage());
    }

    @Test
    void hiddenLayersTakeEveryActivationButSoftmax() {
        assertFalse(Activation.hiddenIds().contains("softmax"));
        assertTrue(Activation.hiddenIds().containsAll(List.of("relu", "leaky-relu", "tanh", "sigmoid", "identity")));
        assertEquals(Activation.all().size() - 1, Activation.hiddenIds().size());
    }

    /** A network travels to the executors in a task's closure: it arrives equal, its activations too. */
    @Test
    void aNetworkOfEveryActivationIsEqualAfterJavaSerialization() throws IOException, ClassNotFoundException {
        for (Activation hidden : Cases.HIDDEN) {
            Network network = Network.of(3, new int[] {4}, hidden, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(network);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                Network copy = (Network) in.readObject();
                assertEquals(network, copy, hidden.id());
                assertEquals(network.hashCode(), copy.hashCode(), hidden.id());
                assertEquals(hidden, copy.activation(1), hidden.id());
            }
        }
    }
}
