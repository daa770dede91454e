package io.github.sparkprop.internal.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plateau schedule, by hand: alpha = 0.8, r = 0.5, k = 2 evaluations of patience. */
class PlateauScheduleTest {

    private static Schedule plateau() {
        return Schedules.fromId("plateau").build(new Schedules.Shape(0.8, 0.5, 2, 100));
    }

    /**
     * Losses 1.0, 0.9 improve (rate 0.8); 0.95, 0.92 are two misses: the rate halves to 0.4 and the count restarts;
     * 0.91 is one miss (0.4); 0.85 improves (0.4); 0.86, 0.86 are two more misses: 0.2.
     */
    @Test
    void theRateDropsAfterKEvaluationsWithoutImprovement() {
        Schedule schedule = plateau();
        double[] losses = {1.0, 0.9, 0.95, 0.92, 0.91, 0.85, 0.86, 0.86};
        double[] rates = {0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.4, 0.2};
        assertEquals(0.8, schedule.at(1), 0.0);
        for (int i = 0; i < losses.length; i++) {
            schedule.validated(losses[i]);
            assertEquals(rates[i], schedule.at(i + 2), 1e-15, "after loss " + (i + 1));
        }
    }

    /** A schedule restored from another's state continues exactly as that one. */
    @Test
    void itsStateContinuesInAnotherSchedule() {
        Schedule first = plateau();
        for (double loss : new double[] {1.0, 0.9, 0.95, 0.92, 0.91}) {
            first.validated(loss);
        }
        Map<String, double[]> state = first.state();
        Schedule resumed = plateau();
        resumed.restore(state);
        for (double loss : new double[] {0.93, 0.99, 0.5, 0.6}) {
            first.validated(loss);
            resumed.validated(loss);
            assertEquals(first.at(1), resumed.at(1), 0.0);
        }
        assertEquals(0.2, resumed.at(1), 1e-15, "0.91 and 0.93 made the second drop");
    }

    @Test
    void itIsDeclaredAsAScheduleThatDecaysAndNeedsValidation() {
        assertTrue(Schedules.SCHEDULE.choices().contains("plateau"));
        assertTrue(Schedules.fromId("plateau").needsValidation());
        assertTrue(Schedules.fromId("plateau").decays());
        Schedule warm = Schedule.of(SettingValues.defaults().with(Schedules.SCHEDULE, "plateau")
                .with(Schedule.DECAY_EVERY, 2).with(Schedule.WARMUP, 4).with(Schedule.LEARNING_RATE, 0.8), 10, 0.1);
        warm.validated(1.0);
        warm.validated(1.0);
        warm.validated(1.0);
        assertEquals(0.4 * 3 / 4, warm.at(3), 1e-15, "the warm-up passes the losses on");
    }
}
