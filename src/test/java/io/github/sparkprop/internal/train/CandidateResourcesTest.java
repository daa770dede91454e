package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What K candidates need on the driver and the executors, against what they have. */
class CandidateResourcesTest {

    private static final long MB = 1 << 20;

    @Test
    void candidatesThatFitTogetherPass() {
        // 8 candidates of 100,000 weights (adam: 2 state vectors): 8 x 0.8 MB x (8 + 2) = 64 MB on the driver
        long[] parameters = {100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000};
        int[] states = {2, 2, 2, 2, 2, 2, 2, 2};
        assertNull(CandidateResources.problem(parameters, states, 2, 200 * MB, 600 * MB, true));
        assertNull(CandidateResources.problem(parameters, states, 4, 70 * MB, 60 * MB, false));
    }

    @Test
    void candidatesThatDoNotFitAreRefusedNamingTheirNumberAndTheBytes() {
        long[] parameters = {10_000_000, 10_000_000, 10_000_000};
        int[] states = {2, 20, 0};
        // driver: 8e7 bytes x (10 + 28 + 8) = 3.68e9 bytes (3509 MB); executor: 2.4e8 x (1 + 2 x 4) = 2.16e9 (2059 MB)
        String local = CandidateResources.problem(parameters, states, 4, 4000 * MB, 0, true);
        assertTrue(local.contains("the 3 candidates need about 5569 MB") && local.contains("4000 MB free"), local);
        String driver = CandidateResources.problem(parameters, states, 4, 3000 * MB, 10_000 * MB, false);
        assertTrue(driver.contains("about 3509 MB on the driver") && driver.contains("3000 MB"),
                driver);
        String executor = CandidateResources.problem(parameters, states, 4, 8000 * MB, 2000 * MB, false);
        assertTrue(executor.contains("about 2059 MB on each executor") && executor.contains("in each of its 4 tasks")
                && executor.contains("2000 MB"), executor);
    }
}
