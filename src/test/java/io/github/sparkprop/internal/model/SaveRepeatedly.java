package io.github.sparkprop.internal.model;

import io.github.sparkprop.Task;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A process for {@link ModelSaveCrashTest} to kill: saves a model of about 4 MB to the directory given, over
 * and over with overwrite, and says "saved" after the first save.
 */
public final class SaveRepeatedly {

    private SaveRepeatedly() {
    }

    /** The model it saves. */
    static Model model() {
        Network network = Network.of(500, new int[] {1000}, Activation.RELU, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        return new Model(network, WeightInit.initialize(network, 5), Task.CLASSIFICATION, null, null, null, null,
                null);
    }

    public static void main(String[] args) {
        Model model = model();
        Configuration conf = new Configuration();
        byte[] history = new byte[1 << 20];
        for (long saves = 0; ; saves++) {
            ModelStore.save(model, args[0], true, Map.of(ModelStore.HISTORY, history), conf);
            if (saves == 0) {
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}
