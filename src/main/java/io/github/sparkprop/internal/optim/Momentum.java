package io.github.sparkprop.internal.optim;

import java.util.Map;

/**
 * Gradient descent with momentum mu, with the velocity v (initially 0) as state:
 *
 * <pre>
 *   classical: v &lt;- mu v - alpha g,   w &lt;- w + v
 *   Nesterov : v &lt;- mu v - alpha g,   w &lt;- w + mu v - alpha g
 * </pre>
 *
 * The Nesterov form is the look-ahead update written in terms of the gradient at the current weights
 * (Sutskever et al. 2013, as in PyTorch's SGD with nesterov=True).
 */
public final class Momentum extends FirstOrderOptimizer {

    /** mu. */
    public static final Setting MOMENTUM = Setting.real("momentum", 0.9, new Setting.Range(0, true, 1, false), "MU",
            "Momentum mu of the momentum optimizer.");
    /** Nesterov's form. */
    public static final Setting NESTEROV = Setting.flag("nesterov",
            "Nesterov's accelerated gradient for the momentum optimizer.");

    private final double mu;
    private final boolean nesterov;
    private double[] velocity;

    public Momentum(Schedule schedule, double mu, boolean nesterov) {
        super(schedule);
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + mu);
        }
        this.mu = mu;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(double[] w, double[] g, double alpha) {
        if (velocity == null) {
            velocity = new double[w.length];
        }
        for (int i = 0; i < w.length; i++) {
            velocity[i] = mu * velocity[i] - alpha * g[i];
            w[i] += nesterov ? mu * velocity[i] - alpha * g[i] : velocity[i];
        }
    }

    @Override
    public Map<String, double[]> state() {
        return velocity == null ? Map.of() : Map.of("velocity", velocity.clone());
    }

    @Override
    public void restore(Map<String, double[]> state) {
        double[] v = state.get("velocity");
        velocity = v == null ? null : v.clone();
    }
}
