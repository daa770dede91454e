package io.github.sparkprop.internal.train;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.JvmLimits;
import io.github.sparkprop.internal.model.Safetensors;
import io.github.sparkprop.internal.optim.OptimizerKind;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.math.Network;

/**
 * Refuses, before anything is allocated, a network that sparkprop cannot train: too large to save, whose weights,
 * gradient and optimizer state do not fit in the driver's free memory, or whose layer activations for one block
 * are more values than one Java array holds.
 */
final class DriverResources {

    /** Room for the header of a model's weights file (a few tensor names and shapes). */
    private static final long MODEL_HEADER_BYTES = 4096;
    /**
     * Weight-sized arrays the driver holds besides the optimizer's state: the weights, the starting weights, the
     * gradient and its sum, the best weights, a broadcast and a checkpoint's copies.
     */
    static final int DRIVER_COPIES = 8;

    private DriverResources() {
    }

    /**
     * @param setting   the setting that chose the network (the start model, or the hidden layers)
     * @param optimizer the optimizer, asked for the size of its state with the run's settings
     * @param blockRows the most rows of a cached block
     */
    static void check(Network network, String setting, OptimizerKind optimizer, SettingValues settings,
            int blockRows) {
        long parameters = network.parameterCount();
        if (8L * parameters + MODEL_HEADER_BYTES > Safetensors.MAX_FILE_BYTES) {
            throw new SettingException(setting, "{" + setting + "} gives a network of " + String.format("%,d",
                    parameters) + " parameters (" + network + "); sparkprop saves models of up to "
                    + String.format("%,d", (Safetensors.MAX_FILE_BYTES - MODEL_HEADER_BYTES) / 8)
                    + " parameters: choose a smaller network");
        }
        long needed = 8L * parameters * (DRIVER_COPIES + optimizer.stateVectors(settings));
        long free = JvmLimits.freeHeapBytes();
        if (needed > free) {
            throw new SettingException(setting, "{" + setting + "} gives a network of " + String.format("%,d",
                    parameters) + " parameters (" + network + "), which needs about " + (needed >> 20)
                    + " MB on the driver for its weights, gradient and " + optimizer.id() + "'s state; the driver has "
                    + (free >> 20) + " MB free: choose a smaller network or give the driver more memory "
                    + "(spark.driver.memory, or -Xmx)");
        }
        for (int l = 1; l <= network.depth(); l++) {
            if ((long) network.size(l) * blockRows > JvmLimits.MAX_ARRAY_LENGTH) {
                throw new SettingException(setting, "{" + setting + "} gives a layer of " + network.size(l)
                        + " units, whose activations for a block of " + blockRows + " rows are more values than one "
                        + "array holds: choose a smaller network or {blockSize} <= "
                        + JvmLimits.MAX_ARRAY_LENGTH / network.size(l));
            }
        }
    }
}
