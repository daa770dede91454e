package io.github.sparkprop.math;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The per-sample losses of the design: cross-entropy for classifiers, squared error for regression. */
public enum Loss {

    /** -[y log y_hat + (1-y) log(1-y_hat)] for one sigmoid unit; -sum_k y_k log y_hat_k for softmax. */
    CROSS_ENTROPY("cross-entropy"),

    /** 1/2 ||y_hat - y||^2. */
    SQUARED("squared");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /**
     * The name used on the command line and in model.json.
     *
     * @return {@code cross-entropy} or {@code squared}
     */
    public String id() {
        return id;
    }

    /**
     * The loss with the given {@link #id()}.
     *
     * @param id a loss's id, matched exactly (case-sensitive)
     * @return the loss of that id
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Loss fromId(String id) {
        for (Loss loss : values()) {
            if (loss.id.equals(id)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "'; valid: "
                + Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", ")));
    }
}
