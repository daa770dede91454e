package io.github.sparkprop.internal.optim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Limited-memory BFGS for full-batch training (Nocedal and Wright, Numerical Optimization, 2nd ed.,
 * algorithms 7.4 and 7.5): the direction d = -H g comes from the two-loop recursion over the last m pairs
 * s_k = w_{k+1} - w_k, y_k = g_{k+1} - g_k with H_0 = (s^T y / y^T y) I, and the step length from a line
 * search that meets the strong Wolfe conditions (algorithms 3.5 and 3.6):
 *
 * <pre>
 *   f(w + alpha d) &lt;= f(w) + c1 alpha g^T d      (sufficient decrease, c1 = 1e-4)
 *   |g(w + alpha d)^T d| &lt;= c2 |g^T d|            (curvature, c2 = 0.9)
 * </pre>
 *
 * Every trial step is one evaluation of the objective, i.e. one distributed pass. A pair with
 * s^T y &lt;= 0 is not stored (it would make H indefinite). Near the minimum the steps shrink until the decrease
 * they could bring, alpha |g^T d|, is below the rounding of f itself: when even the longest step left to try
 * could not decrease f by more than {@link #RESOLUTION} |f|, no trial can tell a better point from a worse one,
 * and the line search ends without a step instead of spending its evaluations on rounding noise.
 */
public final class Lbfgs implements Optimizer {

    /** m, the number of curvature pairs kept. */
    public static final Setting MEMORY = Setting.integer("lbfgsMemory", 10, Setting.Range.between(1, 1000), "M",
            "Number of curvature pairs L-BFGS keeps (1 to 1,000).");

    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    /** Evaluations one line search may take before it settles for the best sufficient decrease found. */
    static final int MAX_EVALUATIONS = 25;
    /** The relative change of f below which a sum of losses cannot resolve it (about 45 ulps). */
    static final double RESOLUTION = 1e-14;

    private final int memory;
    private final Deque<double[]> s = new ArrayDeque<>();
    private final Deque<double[]> y = new ArrayDeque<>();
    /** The evaluation at the weights the last iteration ended on, so the next iteration need not repeat it. */
    private Evaluation current;
    private double[] currentWeights;

    /** @param memory m, the number of (s, y) pairs kept, at least 1 */
    public Lbfgs(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be >= 1, got " + memory);
        }
        this.memory = memory;
    }

    @Override
    public Step iterate(Objective objective, double[] w, int t) {
        Evaluation start = current != null && Arrays.equals(currentWeights, w) ? current : objective.evaluate(w, t);
        if (!Double.isFinite(start.cost()) || !Double.isFinite(start.gradientNorm())) {
            return new Step(start, false);
        }
        double[] g = start.gradient();
        if (start.gradientNorm() == 0) {
            return new Step(start, true);
        }
        double[] d = direction(g);
        double slope = dot(g, d);
        if (!(slope < 0)) {
            // not a descent direction (rounding on an ill-conditioned problem): restart from steepest descent
            clearMemory();
            d = direction(g);
            slope = dot(g, d);
        }
        double initial = s.isEmpty() ? 1.0 / norm(d) : 1.0;
        Trial accepted = new LineSearch(objective, w, start, d, slope, t).search(initial);
        if (accepted == null && !s.isEmpty()) {
            clearMemory();
            d = direction(g);
            accepted = new LineSearch(objective, w, start, d, dot(g, d), t).search(1.0 / norm(d));
        }
        if (accepted == null) {
            return new Step(start, true);
        }
        double[] step = new double[w.length];
        double[] change = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            step[i] = accepted.alpha * d[i];
            w[i] += step[i];
            change[i] = accepted.evaluation.gradient()[i] - g[i];
        }
        if (dot(step, change) > 0) {
            s.addLast(step);
            y.addLast(change);
            if (s.size() > memory) {
                s.removeFirst();
                y.removeFirst();
            }
        }
        current = accepted.evaluation;
        currentWeights = w.clone();
        return new Step(start, false);
    }

    /** d = -H g by the two-loop recursion; -g when no pair is stored. */
    private double[] direction(double[] g) {
        int k = s.size();
        double[] q = g.clone();
        double[] a = new double[k];
        double[] rho = new double[k];
        double[][] ss = s.toArray(new double[0][]);
        double[][] ys = y.toArray(new double[0][]);
        for (int i = k - 1; i >= 0; i--) {
            rho[i] = 1.0 / dot(ys[i], ss[i]);
            a[i] = rho[i] * dot(ss[i], q);
            axpy(-a[i], ys[i], q);
        }
        double gamma = k == 0 ? 1.0 : dot(ss[k - 1], ys[k - 1]) / dot(ys[k - 1], ys[k - 1]);
        for (int i = 0; i < q.length; i++) {
            q[i] *= gamma;
        }
        for (int i = 0; i < k; i++) {
            double b = rho[i] * dot(ys[i], q);
            axpy(a[i] - b, ss[i], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private void clearMemory() {
        s.clear();
        y.clear();
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> state = new HashMap<>();
        int i = 0;
        for (Iterator<double[]> si = s.iterator(), yi = y.iterator(); si.hasNext(); i++) {
            state.put("s." + i, si.next().clone());
            state.put("y." + i, yi.next().clone());
        }
        return state;
    }

    @Override
    public void restore(Map<String, double[]> state) {
        clearMemory();
        current = null;
        for (int i = 0; state.containsKey("s." + i); i++) {
            s.addLast(state.get("s." + i).clone());
            y.addLast(state.get("y." + i).clone());
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double alpha, double[] x, double[] target) {
        for (int i = 0; i < x.length; i++) {
            target[i] += alpha * x[i];
        }
    }

    /** One trial point of the line search: phi(alpha) = f(w + alpha d) and phi'(alpha) = g(w + alpha d)^T d. */
    private record Trial(double alpha, double phi, double slope, Evaluation evaluation) {
    }

    /** A strong Wolfe line search along d from w (Nocedal and Wright, algorithms 3.5 and 3.6). */
    private static final class LineSearch {
        private final Objective objective;
        private final double[] w;
        private final double[] d;
        private final Trial origin;
        private final int iteration;
        private int evaluations;

        LineSearch(Objective objective, double[] w, Evaluation start, double[] d, double slope, int iteration) {
            this.objective = objective;
            this.w = w;
            this.d = d;
            this.origin = new Trial(0, start.cost(), slope, start);
            this.iteration = iteration;
        }

        /** The accepted trial, or null when no step decreases f enough. */
        Trial search(double initial) {
            Trial previous = origin;
            double alpha = initial;
            while (evaluations < MAX_EVALUATIONS) {
                Trial trial = evaluate(alpha);
                if (!sufficientDecrease(trial) || (previous != origin && trial.phi >= previous.phi)) {
                    return zoom(previous, trial);
                }
                if (Math.abs(trial.slope) <= -C2 * origin.slope) {
                    return trial;
                }
                if (trial.slope >= 0) {
                    return zoom(trial, previous);
                }
                previous = trial;
                alpha *= 2;
            }
            return previous == origin ? null : previous;
        }

        /** Narrows [lo, hi] (lo: the lower phi, meeting sufficient decrease) until a trial meets both conditions. */
        private Trial zoom(Trial lo, Trial hi) {
            while (evaluations < MAX_EVALUATIONS && Math.abs(hi.alpha - lo.alpha) > 1e-12 * Math.max(1, lo.alpha)) {
                if (lo == origin && !resolvable(hi.alpha)) {
                    return null;
                }
                Trial trial = evaluate(interpolate(lo, hi));
                if (!sufficientDecrease(trial) || trial.phi >= lo.phi) {
                    hi = trial;
                } else {
                    if (Math.abs(trial.slope) <= -C2 * origin.slope) {
                        return trial;
                    }
                    if (trial.slope * (hi.alpha - lo.alpha) >= 0) {
                        hi = lo;
                    }
                    lo = trial;
                }
            }
            return lo == origin ? null : lo;
        }

        /** Whether a step of alpha could decrease f by more than f's own rounding. */
        private boolean resolvable(double alpha) {
            return -alpha * origin.slope > RESOLUTION * Math.abs(origin.phi);
        }

        private boolean sufficientDecrease(Trial trial) {
            return trial.phi <= origin.phi + C1 * trial.alpha * origin.slope;
        }

        /**
         * The minimiser of the cubic through (a, phi_a, phi'_a) and (b, phi_b, phi'_b), kept at least a tenth
         * of the interval away from its ends; the midpoint when the cubic has no minimiser or a value is not
         * finite.
         */
        private static double interpolate(Trial a, Trial b) {
            double d1 = a.slope + b.slope - 3 * (a.phi - b.phi) / (a.alpha - b.alpha);
            double radicand = d1 * d1 - a.slope * b.slope;
            double low = Math.min(a.alpha, b.alpha);
            double high = Math.max(a.alpha, b.alpha);
            double margin = 0.1 * (high - low);
            if (radicand >= 0 && Double.isFinite(radicand) && Double.isFinite(b.phi)) {
                double d2 = Math.signum(b.alpha - a.alpha) * Math.sqrt(radicand);
                double alpha = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
                if (Double.isFinite(alpha)) {
                    return Math.min(Math.max(alpha, low + margin), high - margin);
                }
            }
            return 0.5 * (low + high);
        }

        private Trial evaluate(double alpha) {
            evaluations++;
            double[] point = w.clone();
            for (int i = 0; i < point.length; i++) {
                point[i] += alpha * d[i];
            }
            Evaluation e = objective.evaluate(point, iteration);
            double phi = Double.isFinite(e.cost()) ? e.cost() : Double.POSITIVE_INFINITY;
            double slope = Double.isFinite(e.gradientNorm()) ? dot(e.gradient(), d) : Double.NaN;
            return new Trial(alpha, phi, slope, e);
        }
    }
}
