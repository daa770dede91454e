package io.github.sparkprop.internal.optim;

/**
 * J(w) = 1/2 sum_k a_k (w_k - c_k)^2, gradient a_k (w_k - c_k): a convex problem with the known optimum
 * w = c, for hand-derived optimizer steps. Counts its evaluations.
 */
final class QuadraticObjective implements Objective {

    final double[] a;
    final double[] c;
    int evaluations;

    QuadraticObjective(double[] a, double[] c) {
        this.a = a;
        this.c = c;
    }

    @Override
    public Evaluation evaluate(double[] w, int iteration) {
        evaluations++;
        double cost = 0;
        double[] g = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            cost += 0.5 * a[k] * (w[k] - c[k]) * (w[k] - c[k]);
            g[k] = a[k] * (w[k] - c[k]);
        }
        return new Evaluation(cost, cost, g, 1);
    }
}
