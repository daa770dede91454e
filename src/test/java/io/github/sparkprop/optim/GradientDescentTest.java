package io.github.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GradientDescentTest {

    /**
     * On J(w) = 1/2 sum_k a_k (w_k - c_k)^2 the gradient is a_k (w_k - c_k), so one step gives
     * w_k - c_k &lt;- (1 - alpha a_k)(w_k - c_k), and after t steps w_k = c_k + (1 - alpha a_k)^t (w0_k - c_k).
     */
    @Test
    void followsTheClosedFormOnAQuadratic() {
        double alpha = 0.1;
        double[] a = {1.0, 4.0};
        double[] c = {3.0, -2.0};
        double[] w0 = {0.0, 1.0};
        double[] w = w0.clone();
        GradientDescent gd = new GradientDescent(alpha);
        for (int t = 1; t <= 25; t++) {
            double[] g = {a[0] * (w[0] - c[0]), a[1] * (w[1] - c[1])};
            gd.step(w, g, t);
        }
        for (int k = 0; k < 2; k++) {
            double expected = c[k] + Math.pow(1 - alpha * a[k], 25) * (w0[k] - c[k]);
            assertEquals(expected, w[k], 1e-14);
        }
    }

    @Test
    void refusesANonPositiveLearningRate() {
        assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0.0));
        assertThrows(IllegalArgumentException.class, () -> new GradientDescent(Double.NaN));
    }
}
