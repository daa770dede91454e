package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judgement of a run's loss history, on histories made by hand. */
class LossTrendTest {

    private static List<IterationRecord> history(double... costs) {
        List<IterationRecord> history = new ArrayList<>();
        for (int t = 0; t < costs.length; t++) {
            history.add(new IterationRecord(t + 1, costs[t], costs[t], 1, 10, 0.01, Double.NaN, Double.NaN,
                    Double.NaN));
        }
        return history;
    }

    @Test
    void aFallingLossIsFine() {
        double[] costs = new double[100];
        for (int t = 0; t < costs.length; t++) {
            costs[t] = 1.0 / (t + 1);
        }
        assertNull(LossTrend.problem(history(costs)));
    }

    @Test
    void aLossWhoseLastTenthIsAboveItsFirstRose() {
        double[] costs = new double[20];
        for (int t = 0; t < costs.length; t++) {
            costs[t] = t < 10 ? 1 : 3; // windows of 2: first mean 1, last mean 3
        }
        assertEquals("the loss rose from 1.000 to 3.000", LossTrend.problem(history(costs)));
    }

    @Test
    void aLossThatOscillatesAfterItsBestIsStuck() {
        double[] costs = new double[100];
        for (int t = 0; t < costs.length; t++) {
            costs[t] = t < 40 ? 10 - 0.2 * t : 3 + (t % 2); // best at 2.2 by iteration 40, then 3 and 4 in turn
        }
        // windows of 10: the best is iterations 34..43 (3.0 down to 2.2 in 7 steps, then 3, 4, 3: 29.6 / 10 = 2.96),
        // 57 iterations before the end; the last window's mean is 3.5
        assertEquals("the loss has not come down since iteration 43 (2.960 there, 3.500 at the end): it oscillates",
                LossTrend.problem(history(costs)));
    }

    @Test
    void emptyMiniBatchesDoNotCount() {
        assertNull(LossTrend.problem(history(Double.NaN, 2, Double.NaN, 1)));
    }
}
