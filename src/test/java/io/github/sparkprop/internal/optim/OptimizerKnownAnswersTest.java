package io.github.sparkprop.internal.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Steps derived by hand on J(w) = 1/2 a (w - c)^2 (gradient a (w - c)), here with a = 1, c = 0, w0 = 1,
 * alpha = 0.1, so g = w.
 */
class OptimizerKnownAnswersTest {

    private static final Schedule RATE = Schedule.constant(0.1);

    private static double[] run(Optimizer optimizer, int iterations) {
        QuadraticObjective objective = new QuadraticObjective(new double[] {1}, new double[] {0});
        double[] w = {1};
        for (int t = 1; t <= iterations; t++) {
            optimizer.iterate(objective, w, t);
        }
        return w;
    }

    /** w_t - c = (1 - alpha a)^t (w0 - c): 0.9, 0.81, ... */
    @Test
    void gradientDescent() {
        assertEquals(0.9, run(new GradientDescent(RATE), 1)[0], 1e-15);
        assertEquals(Math.pow(0.9, 25), run(new GradientDescent(RATE), 25)[0], 1e-15);
    }

    /**
     * mu = 0.9. t1: g = 1, v = -0.1, w = 0.9. t2: g = 0.9, v = 0.9 (-0.1) - 0.09 = -0.18, w = 0.72.
     * t3: g = 0.72, v = 0.9 (-0.18) - 0.072 = -0.234, w = 0.486.
     */
    @Test
    void classicalMomentum() {
        assertEquals(0.9, run(new Momentum(RATE, 0.9, false), 1)[0], 1e-15);
        assertEquals(0.72, run(new Momentum(RATE, 0.9, false), 2)[0], 1e-15);
        assertEquals(0.486, run(new Momentum(RATE, 0.9, false), 3)[0], 1e-15);
    }

    /**
     * mu = 0.9, w &lt;- w + mu v - alpha g after v &lt;- mu v - alpha g. t1: g = 1, v = -0.1,
     * w = 1 - 0.09 - 0.1 = 0.81. t2: g = 0.81, v = -0.09 - 0.081 = -0.171, w = 0.81 - 0.1539 - 0.081 = 0.5751.
     */
    @Test
    void nesterovMomentum() {
        assertEquals(0.81, run(new Momentum(RATE, 0.9, true), 1)[0], 1e-15);
        assertEquals(0.5751, run(new Momentum(RATE, 0.9, true), 2)[0], 1e-15);
    }

    /**
     * beta1 = 0.9, beta2 = 0.999. t1: m = 0.1, v = 0.001, m_hat = 1, v_hat = 1, w = 1 - 0.1 / (1 + eps) ~ 0.9.
     * t2: g = 0.9, m = 0.09 + 0.09 = 0.18, v = 0.000999 + 0.00081 = 0.001809, m_hat = 0.18 / 0.19,
     * v_hat = 0.001809 / 0.001999, w = 0.9 - 0.1 m_hat / sqrt(v_hat).
     */
    @Test
    void adamWithBiasCorrection() {
        assertEquals(0.9, run(new Adam(RATE, 0.9, 0.999, 1e-8), 1)[0], 1e-8);
        double expected = 0.9 - 0.1 * (0.18 / 0.19) / Math.sqrt(0.001809 / 0.001999);
        assertEquals(expected, run(new Adam(RATE, 0.9, 0.999, 1e-8), 2)[0], 1e-8);
    }

    /**
     * AdamW, lambda = 0.5: the Adam step of {@link #adamWithBiasCorrection} plus alpha lambda w taken off w.
     * t1: g = 1, Adam step 0.1 / (1 + eps), decay 0.1 * 0.5 * 1 = 0.05: w = 0.85.
     * t2: g = 0.85, m = 0.09 + 0.085 = 0.175, v = 0.000999 + 0.001 * 0.7225 = 0.0017215,
     * m_hat = 0.175 / 0.19, v_hat = 0.0017215 / 0.001999, w = 0.85 - 0.1 * 0.5 * 0.85 - 0.1 m_hat / sqrt(v_hat).
     */
    @Test
    void adamWDecaysTheWeightsApartFromTheGradient() {
        assertEquals(0.85, run(adamW(0.5), 1)[0], 1e-8);
        double expected = 0.85 - 0.1 * 0.5 * 0.85 - 0.1 * (0.175 / 0.19) / Math.sqrt(0.0017215 / 0.001999);
        assertEquals(expected, run(adamW(0.5), 2)[0], 1e-8);
        // no decay: Adam itself, step for step
        assertEquals(run(new Adam(RATE, 0.9, 0.999, 1e-8), 7)[0], run(adamW(0), 7)[0], 0.0);
    }

    private static Optimizer adamW(double weightDecay) {
        return new AdamW(RATE, new Adam(RATE, 0.9, 0.999, 1e-8), weightDecay);
    }

    /** The registry builds AdamW from its settings: the same steps as the hand-made one. */
    @Test
    void theRegistryBuildsAdamWFromItsSettings() {
        Optimizer built = OptimizerKind.fromId("adamw").build(SettingValues.of(java.util.Map.of(
                AdamW.WEIGHT_DECAY.key(), 0.5, Schedule.LEARNING_RATE.key(), 0.1)), 10);
        assertEquals(run(adamW(0.5), 3)[0], run(built, 3)[0], 0.0);
        assertEquals(0.01, OptimizerKind.fromId("adamw").relevant(SettingValues.defaults()).stream()
                .filter(setting -> setting.key().equals("weightDecay")).findFirst().orElseThrow().defaultValue());
    }

    /**
     * With one curvature pair on a 1-D quadratic, H_0 = s^T y / y^T y = 1/a exactly, so the second direction
     * is the Newton step and the unit step lands on the minimum, accepted at once (phi'(1) = 0).
     */
    @Test
    void lbfgsTakesTheNewtonStepOnceItHasCurvature() {
        QuadraticObjective objective = new QuadraticObjective(new double[] {4}, new double[] {3});
        Lbfgs lbfgs = new Lbfgs(5);
        double[] w = {10};
        lbfgs.iterate(objective, w, 1);
        assertTrue(Math.abs(w[0] - 3) > 1e-6, "one iteration does not reach the minimum");
        int before = objective.evaluations;
        lbfgs.iterate(objective, w, 2);
        assertEquals(3.0, w[0], 1e-12);
        assertEquals(1, objective.evaluations - before, "one evaluation: the unit step meets the Wolfe conditions");
    }

    /**
     * At the minimum's doorstep the decrease a step could bring (|g|^2 = 2e-18 here) is far below the rounding
     * of f (1e-15 at f = 1): every trial looks worse than the start by the rounding. The first step (1 / |g|, a
     * unit step along -g) overshoots; the zoom shrinks the interval at most tenfold a trial, and ends without a
     * step (converged) once its longest step left could not decrease f by more than 1e-14 |f| (at alpha &lt; 5e3:
     * seven trials), instead of spending all its evaluations (25), each a distributed pass, on rounding noise.
     */
    @Test
    void lbfgsStopsWhereFCannotResolveADecrease() {
        double[] start = {3 + 1e-9, -1 + 1e-9};
        int[] evaluations = {0};
        Objective roundedNearTheMinimum = (w, iteration) -> {
            evaluations[0]++;
            double dx = w[0] - 3;
            double dy = w[1] + 1;
            double rounding = Arrays.equals(w, start) ? 0 : 1e-15;
            double f = 1 + 0.5 * (dx * dx + dy * dy) + rounding;
            return new Evaluation(f, f, new double[] {dx, dy}, 1);
        };
        double[] w = start.clone();
        Optimizer.Step step = new Lbfgs(10).iterate(roundedNearTheMinimum, w, 1);
        assertTrue(step.converged(), "no further decrease: converged");
        assertArrayEquals(start, w, 0.0, "no step taken");
        assertEquals(8, evaluations[0], "the start and seven trials (25 evaluations without the rule)");
    }

    @Test
    void lbfgsSolvesAnIllConditionedQuadratic() {
        double[] a = {1, 10, 100, 1000, 0.1};
        double[] c = {1, -2, 3, -4, 5};
        QuadraticObjective objective = new QuadraticObjective(a, c);
        Lbfgs lbfgs = new Lbfgs(10);
        double[] w = new double[5];
        for (int t = 1; t <= 40; t++) {
            if (lbfgs.iterate(objective, w, t).converged()) {
                break;
            }
        }
        for (int k = 0; k < 5; k++) {
            assertEquals(c[k], w[k], 1e-6, "coordinate " + k);
        }
    }

    /** Rosenbrock's valley, f = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1), from (-1.2, 1). */
    @Test
    void lbfgsFollowsRosenbrocksValley() {
        Objective rosenbrock = (w, t) -> {
            double x = w[0];
            double y = w[1];
            double f = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            double[] g = {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
            return new Evaluation(f, f, g, 1);
        };
        Lbfgs lbfgs = new Lbfgs(10);
        double[] w = {-1.2, 1};
        for (int t = 1; t <= 200; t++) {
            if (lbfgs.iterate(rosenbrock, w, t).converged()) {
                break;
            }
        }
        assertEquals(1.0, w[0], 1e-6);
        assertEquals(1.0, w[1], 1e-6);
    }

    @Test
    void optimizerStateSurvivesARestore() {
        QuadraticObjective objective = new QuadraticObjective(new double[] {1, 3}, new double[] {2, -1});
        for (Optimizer[] pair : new Optimizer[][] {
            {new Momentum(RATE, 0.9, true), new Momentum(RATE, 0.9, true)},
            {new Adam(RATE, 0.9, 0.999, 1e-8), new Adam(RATE, 0.9, 0.999, 1e-8)},
            {adamW(0.3), adamW(0.3)},
            {new Lbfgs(3), new Lbfgs(3)}}) {
            double[] straight = {0, 0};
            double[] split = {0, 0};
            for (int t = 1; t <= 6; t++) {
                pair[0].iterate(objective, straight, t);
            }
            for (int t = 1; t <= 3; t++) {
                pair[1].iterate(objective, split, t);
            }
            Map<String, double[]> state = pair[1].state();
            Optimizer resumed = pair[1] instanceof Lbfgs ? new Lbfgs(3)
                    : pair[1] instanceof Adam ? new Adam(RATE, 0.9, 0.999, 1e-8)
                    : pair[1] instanceof AdamW ? adamW(0.3) : new Momentum(RATE, 0.9, true);
            resumed.restore(state);
            for (int t = 4; t <= 6; t++) {
                resumed.iterate(objective, split, t);
            }
            assertEquals(straight[0], split[0], 1e-12, resumed.getClass().getSimpleName());
            assertEquals(straight[1], split[1], 1e-12, resumed.getClass().getSimpleName());
        }
    }

    /**
     * alpha = 0.8, r = 0.5, k = 2, T = 10: step gives 0.8, 0.8, 0.4, 0.4, 0.2 for t = 1..5; exponential
     * 0.8 * 0.5^((t-1)/2); inverse-sqrt 0.8 / sqrt(1 + (t-1)/2); cosine 0.8 (1 + cos(pi (t-1)/10)) / 2;
     * a warm-up of 4 scales t = 1..4 by t/4.
     */
    @Test
    void schedules() {
        Schedule step = schedule("step");
        double[] expected = {0.8, 0.8, 0.4, 0.4, 0.2};
        for (int t = 1; t <= 5; t++) {
            assertEquals(expected[t - 1], step.at(t), 1e-15, "step at " + t);
        }
        Schedule exponential = schedule("exponential");
        assertEquals(0.8 * Math.pow(0.5, 1.5), exponential.at(4), 1e-15);
        Schedule inverse = schedule("inverse-sqrt");
        assertEquals(0.8 / Math.sqrt(2.5), inverse.at(4), 1e-15);
        Schedule cosine = schedule("cosine");
        assertEquals(0.8, cosine.at(1), 1e-15);
        assertEquals(0.4, cosine.at(6), 1e-15);
        Schedule warm = new Schedule.Warmup(schedule("constant"), 4);
        assertEquals(0.2, warm.at(1), 1e-15);
        assertEquals(0.6, warm.at(3), 1e-15);
        assertEquals(0.8, warm.at(5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Schedules.fromId("linear"));
    }

    /** alpha = 0.8, r = 0.5, k = 2, T = 10. */
    private static Schedule schedule(String id) {
        return Schedules.fromId(id).build(new Schedules.Shape(0.8, 0.5, 2, 10));
    }
}
