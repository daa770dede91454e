package io.github.sparkprop.internal.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.testing.LinearSystem;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer reaches the optimum of a regularised logistic regression (strictly convex, so the
 * optimum is unique): its final cost is within 1e-6 of the cost at the optimum that Newton's method,
 * written here, finds.
 */
class LogisticOptimumTest {

    static final int M = 300;
    static final int N = 3;
    static final double LAMBDA = 0.05;
    static final Network NETWORK = Network.of(N, new int[0], Activation.RELU, 1, Activation.SIGMOID,
            Loss.CROSS_ENTROPY);

    /** Samples as columns (N x M) and 0/1 labels drawn from a logistic model, so the classes overlap. */
    static final double[] X = new double[N * M];
    static final double[] Y = new double[M];

    static {
        Random random = new Random(8);
        double[] truth = {1.5, -2, 0.5};
        for (int j = 0; j < M; j++) {
            double z = -0.3;
            for (int i = 0; i < N; i++) {
                X[j * N + i] = random.nextGaussian();
                z += truth[i] * X[j * N + i];
            }
            Y[j] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
    }

    /**
     * Newton's method on theta = (w_1..w_N, b): J = (1/m) sum [log(1 + e^z) - y z] + (lambda/2) ||w||^2,
     * gradient (1/m) sum (p - y) x~ + lambda (w, 0), Hessian (1/m) sum p (1 - p) x~ x~^T + lambda diag(1..1, 0),
     * with x~ = (x, 1) and p = 1 / (1 + e^-z); returns J at the optimum.
     */
    static double newtonOptimum() {
        double[] theta = new double[N + 1];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] g = new double[N + 1];
            double[][] h = new double[N + 1][N + 2];
            for (int j = 0; j < M; j++) {
                double[] x = extended(j);
                double p = 1 / (1 + Math.exp(-dot(theta, x)));
                for (int a = 0; a <= N; a++) {
                    g[a] += (p - Y[j]) * x[a] / M;
                    for (int b = 0; b <= N; b++) {
                        h[a][b] += p * (1 - p) * x[a] * x[b] / M;
                    }
                }
            }
            for (int a = 0; a < N; a++) {
                g[a] += LAMBDA * theta[a];
                h[a][a] += LAMBDA;
            }
            for (int a = 0; a <= N; a++) {
                h[a][N + 1] = g[a];
            }
            double[] step = LinearSystem.solve(h);
            for (int a = 0; a <= N; a++) {
                theta[a] -= step[a];
            }
        }
        double cost = 0;
        for (int j = 0; j < M; j++) {
            double z = dot(theta, extended(j));
            cost += (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - Y[j] * z) / M;
        }
        for (int a = 0; a < N; a++) {
            cost += 0.5 * LAMBDA * theta[a] * theta[a];
        }
        return cost;
    }

    private static double[] extended(int j) {
        double[] x = new double[N + 1];
        System.arraycopy(X, j * N, x, 0, N);
        x[N] = 1;
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void reachesTheOptimum(String name, Supplier<Optimizer> optimizer, int iterations) {
        double optimum = newtonOptimum();
        LocalObjective objective = new LocalObjective(NETWORK, X, Y, LAMBDA);
        Optimizer method = optimizer.get();
        double[] w = new double[NETWORK.parameterCount()];
        for (int t = 1; t <= iterations; t++) {
            if (method.iterate(objective, w, t).converged()) {
                break;
            }
        }
        double cost = objective.evaluate(w, iterations + 1).cost();
        assertTrue(cost - optimum < 1e-6 && cost - optimum > -1e-12,
                name + ": cost " + cost + ", Newton's optimum " + optimum);
    }

    @Test
    void gradientDescent() {
        reachesTheOptimum("gd", () -> new GradientDescent(Schedule.constant(2.0)), 400);
    }

    @Test
    void momentum() {
        reachesTheOptimum("momentum", () -> new Momentum(Schedule.constant(0.5), 0.9, false), 400);
    }

    @Test
    void nesterov() {
        reachesTheOptimum("nesterov", () -> new Momentum(Schedule.constant(0.5), 0.9, true), 400);
    }

    @Test
    void adam() {
        reachesTheOptimum("adam", () -> new Adam(Schedule.constant(0.02), 0.9, 0.999, 1e-8), 3000);
    }

    @Test
    void lbfgs() {
        reachesTheOptimum("lbfgs", () -> new Lbfgs(10), 100);
    }
}
