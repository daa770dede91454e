package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.testing.SharedSpark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

class SharedPassesTest {

    private static JavaRDD<SampleBlock> blocks() {
        List<SampleBlock> blocks = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            blocks.add(new SampleBlock(new double[] {b, 1}, null, new double[] {0, 1}, null, null,
                    HoldOut.Role.TRAINING));
        }
        return SharedSpark.context().parallelize(blocks, 2);
    }

    /**
     * A round whose Spark job fails (Spark throws its SparkException, a checked exception, undeclared) answers
     * every candidate in it with the failure: none is left waiting for an answer that never comes.
     */
    @Test
    void aFailedRoundAnswersEveryCandidate() {
        SharedPasses passes = new SharedPasses(SharedSpark.context(), blocks(), 0, Precision.FLOAT64, 2);
        BlockFold<long[], SampleBlock> failing = (sum, block, w) -> {
            throw new IllegalStateException("a task of the round fails");
        };
        Throwable[] failures = new Throwable[2];
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            List<Thread> candidates = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int candidate = k;
                Passes share = passes.candidate(k);
                Thread thread = new Thread(() -> {
                    try {
                        share.run(new double[] {1}, new long[1], failing, (a, b) -> a, 8, "failing round");
                    } catch (Throwable e) {
                        failures[candidate] = e;
                    } finally {
                        share.done();
                    }
                });
                candidates.add(thread);
                thread.start();
            }
            for (Thread thread : candidates) {
                thread.join();
            }
        });
        for (Throwable failure : failures) {
            assertNotNull(failure, "every candidate heard of the failure");
            assertTrue(String.valueOf(failure.getMessage()).contains("a task of the round fails"), failure.toString());
        }
        assertEquals(1, passes.rounds(), "one round, failed");
    }
}
