package io.github.sparkprop.internal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkprop.testing.SharedSpark;
import io.github.sparkprop.testing.WeightBroadcasts;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskWeightsTest {

    private static double[] random(int n) {
        Random random = new Random(n);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = random.nextGaussian();
        }
        return w;
    }

    /**
     * Small weights ride inside the tasks (no broadcast of their own), large ones are broadcast and destroyed when
     * the pass ends; the tasks see the same weights either way, in the run's precision.
     */
    @Test
    void smallWeightsTravelInTheTasksLargeOnesInABroadcast() {
        int small = 1_000;
        int large = (int) (TaskWeights.INLINE_BYTES / Float.BYTES) + 1; // over the threshold in either precision
        for (boolean float32 : new boolean[] {false, true}) {
            for (int n : new int[] {small, large}) {
                PassWeights weights = float32 ? PassWeights.float32(random(n)) : PassWeights.float64(random(n));
                int before = WeightBroadcasts.alive();
                int[] during = new int[1];
                double[] received = WeightsPass.withWeights(SharedSpark.context(), weights, taskWeights -> {
                    during[0] = WeightBroadcasts.alive();
                    return SharedSpark.context().parallelize(List.of(1, 2), 2).map(ignored -> {
                        PassWeights value = taskWeights.value();
                        if (value.isFloat32() != float32) {
                            throw new IllegalStateException("travelled as float32: " + value.isFloat32());
                        }
                        return value.doubles();
                    }).collect().get(1);
                });
                String what = (float32 ? "float32" : "float64") + ", " + n + " weights";
                assertArrayEquals(weights.doubles(), received, 0.0, what + ": the tasks' weights");
                assertEquals(before + (n == small ? 0 : 1), during[0], what + ": broadcasts during the pass");
                assertEquals(before, WeightBroadcasts.aliveAfterDestroys(before), what + ": broadcasts after the pass");
            }
        }
    }
}
