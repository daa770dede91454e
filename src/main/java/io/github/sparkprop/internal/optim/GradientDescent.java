package io.github.sparkprop.internal.optim;

import java.util.Map;

/** Plain gradient descent: w &lt;- w - alpha_t dJ/dw. */
public final class GradientDescent extends FirstOrderOptimizer {

    public GradientDescent(Schedule schedule) {
        super(schedule);
    }

    @Override
    protected void update(double[] w, double[] g, double alpha) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= alpha * g[i];
        }
    }

    @Override
    public Map<String, double[]> state() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, double[]> state) {
        // stateless
    }
}
