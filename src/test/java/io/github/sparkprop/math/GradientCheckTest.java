package io.github.sparkprop.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analytic gradient of J(W, b) = (1/m) sum_i loss(y_hat_i, y_i) + (lambda/2) sum_l ||W^l||^2 against
 * central differences (J(w + h e_k) - J(w - h e_k)) / 2h, for every output/loss pairing, every hidden
 * activation and 1, 2 and 3 weight layers, with and without L2.
 */
class GradientCheckTest {

    private static final int M = 6;
    private static final double H = 1e-6;

    static java.util.List<org.junit.jupiter.params.provider.Arguments> networks() {
        return Cases.networks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void analyticGradientMatchesCentralDifferences(Network network) {
        for (double lambda : new double[] {0.0, 0.3}) {
            Problem problem = Problem.awayFromKinks(network, 7);
            L2Penalty l2 = new L2Penalty(lambda);
            Backprop backprop = new Backprop(network);

            double[] analytic = new double[network.parameterCount()];
            backprop.addGradient(problem.w, problem.x, problem.y, M, analytic);
            for (int k = 0; k < analytic.length; k++) {
                analytic[k] /= M;
            }
            l2.addGradient(network, problem.w, analytic);

            double[] numeric = new double[network.parameterCount()];
            for (int k = 0; k < numeric.length; k++) {
                double saved = problem.w[k];
                problem.w[k] = saved + H;
                double plus = backprop.loss(problem.w, problem.x, problem.y, M) / M + l2.value(network, problem.w);
                problem.w[k] = saved - H;
                double minus = backprop.loss(problem.w, problem.x, problem.y, M) / M + l2.value(network, problem.w);
                problem.w[k] = saved;
                numeric[k] = (plus - minus) / (2 * H);
            }
            double error = Cases.relativeDifference(analytic, numeric);
            assertTrue(error < 1e-6, network + ", lambda " + lambda + ": relative error " + error);
            assertTrue(Cases.norm(analytic) > 1e-8, "a vanishing gradient checks nothing: " + network);
        }
    }

    /**
     * Random weights, features and labels, redrawn until every |z| is at least 1e-3: central differences across
     * a kink at 0 (relu's, leaky relu's) are no derivative, and the check does not ask which activations have one.
     */
    record Problem(double[] w, double[] x, double[] y) {
        static Problem awayFromKinks(Network network, long seed) {
            Random random = new Random(seed);
            NaiveNetwork naive = Cases.naive(network);
            while (true) {
                double[] w = WeightInit.initialize(network, random.nextLong());
                for (int l = 1; l <= network.depth(); l++) {
                    for (int i = network.biasOffset(l); i < network.biasOffset(l) + network.size(l); i++) {
                        w[i] = 0.2 * random.nextGaussian();
                    }
                }
                double[] x = Cases.features(network.inputSize(), M, random);
                double[] y = Cases.labels(network, M, random);
                if (minAbsPreActivation(network, naive, w, x) > 1e-3 && liveOutputs(network, naive, w, x)) {
                    return new Problem(w, x, y);
                }
            }
        }

        /**
         * An output unit of squared loss whose f'(z) is 0 for every sample (a relu unit below 0) has a zero
         * gradient: require f' != 0 for half of them.
         */
        private static boolean liveOutputs(Network network, NaiveNetwork naive, double[] w, double[] x) {
            if (network.loss() != Loss.SQUARED) {
                return true;
            }
            String f = network.activation(network.depth()).id();
            int live = 0;
            for (int j = 0; j < M; j++) {
                for (double v : naive.preActivations(w, Cases.column(x, network.inputSize(), j))[network.depth()]) {
                    live += NaiveNetwork.derivative(f, v) != 0 ? 1 : 0;
                }
            }
            return 2 * live >= M * network.outputSize();
        }

        private static double minAbsPreActivation(Network network, NaiveNetwork naive, double[] w, double[] x) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < M; j++) {
                double[][] z = naive.preActivations(w, Cases.column(x, network.inputSize(), j));
                for (int l = 1; l <= network.depth(); l++) {
                    for (double v : z[l]) {
                        min = Math.min(min, Math.abs(v));
                    }
                }
            }
            return min;
        }
    }
}
