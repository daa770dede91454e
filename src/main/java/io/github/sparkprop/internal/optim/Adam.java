package io.github.sparkprop.internal.optim;

import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) with bias correction; state: the moments m, v and the step count s.
 *
 * <pre>
 *   s &lt;- s + 1
 *   m &lt;- beta1 m + (1 - beta1) g          m_hat = m / (1 - beta1^s)
 *   v &lt;- beta2 v + (1 - beta2) g^2        v_hat = v / (1 - beta2^s)
 *   w &lt;- w - alpha m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 */
public final class Adam extends FirstOrderOptimizer {

    /** beta1, with the default of the paper and of every major library. */
    public static final Setting BETA1 = Setting.real("beta1", 0.9, new Setting.Range(0, true, 1, false), "B1",
            "Adam's first-moment decay beta1.");
    /** beta2, with the usual default. */
    public static final Setting BETA2 = Setting.real("beta2", 0.999, new Setting.Range(0, true, 1, false), "B2",
            "Adam's second-moment decay beta2.");
    /** epsilon, with the usual default. */
    public static final Setting EPSILON = Setting.real("epsilon", 1e-8, Setting.Range.above(0), "E",
            "Adam's epsilon, added to sqrt(v_hat).");

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m;
    private double[] v;
    private long steps;

    public Adam(Schedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0, got " + beta1 + ", "
                    + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Adam with the settings' beta1, beta2 and epsilon. */
    static Adam of(Schedule schedule, SettingValues values) {
        return new Adam(schedule, values.real(BETA1), values.real(BETA2), values.real(EPSILON));
    }

    @Override
    protected void update(double[] w, double[] g, double alpha) {
        if (m == null) {
            m = new double[w.length];
            v = new double[w.length];
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= alpha * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
        }
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> state = new HashMap<>();
        if (m != null) {
            state.put("m", m.clone());
            state.put("v", v.clone());
        }
        state.put("steps", new double[] {steps});
        return state;
    }

    @Override
    public void restore(Map<String, double[]> state) {
        m = state.containsKey("m") ? state.get("m").clone() : null;
        v = state.containsKey("v") ? state.get("v").clone() : null;
        steps = state.containsKey("steps") ? (long) state.get("steps")[0] : 0;
    }
}
