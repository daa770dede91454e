package io.github.sparkprop.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.math.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures as evaluate prints them, from a confusion matrix worked out by hand. */
class MetricsTest {

    @Test
    void aClassNeverPredictedHasADashForItsPrecisionAndF1() {
        // true a: 3 predicted a, 1 predicted b; true b: 2 predicted b; true c: 1 predicted a, 1 predicted b
        long[][] confusion = {{3, 1, 0}, {0, 2, 0}, {1, 1, 0}};
        Metrics metrics = new Metrics(8, Loss.CROSS_ENTROPY, 0.5, 0.5, List.of("a", "b", "c"), confusion, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
        String text = metrics.describe();
        // a: precision 3/4, recall 3/4, F1 0.75; c: never predicted, so no precision (nor F1), recall 0/2
        assertTrue(text.contains(String.format("%-14s %9s %9s %9s", "a", "0.7500", "0.7500", "0.7500")), text);
        assertTrue(text.contains(String.format("%-14s %9s %9s %9s", "c", "-", "0.0000", "-")), text);
        assertTrue(!text.contains("NaN"), text);
        assertEquals(5.0 / 8, metrics.accuracy(), 1e-15);
    }

    @Test
    void regressionFiguresOnAStandardisedTargetComeBackInItsUnits() {
        Metrics scaled = new Metrics(10, Loss.SQUARED, 0.125, Double.NaN, null, null, 0.5, 0.25, 0.75, Double.NaN);
        Metrics units = scaled.inTargetUnits(4);
        // y = 4 y' + mean: errors scale by 4, squared loss by 16, R^2 is unchanged
        assertEquals(2.0, units.loss(), 1e-15);
        assertEquals(2.0, units.rmse(), 1e-15);
        assertEquals(1.0, units.mae(), 1e-15);
        assertEquals(0.75, units.r2(), 1e-15);
    }
}
