package io.github.sparkprop.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The networks the math tests run over: every output/loss pairing x hidden activation x depth. */
final class Cases {

    /** Every hidden activation the registry offers: a new one is in every test over these cases. */
    static final List<Activation> HIDDEN = Activation.all().stream().filter(Activation::isHiddenCapable).toList();

    /**
     * Output activation, loss and number of output units: every pairing the design allows, the fused
     * cross-entropy ones and squared error after each element-wise activation, with one unit and with three.
     */
    static final List<Object[]> OUTPUTS = Stream.concat(
            Stream.of(new Object[] {Activation.SIGMOID, Loss.CROSS_ENTROPY, 1},
                    new Object[] {Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3}),
            HIDDEN.stream().flatMap(f -> Stream.of(new Object[] {f, Loss.SQUARED, 1},
                    new Object[] {f, Loss.SQUARED, 3})))
            .toList();

    static final int[][] HIDDEN_SIZES = {{}, {4}, {5, 3}};

    private Cases() {
    }

    /** (network, description) for 1, 2 and 3 weight layers, each hidden activation and each output pairing. */
    static List<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Object[] output : OUTPUTS) {
            for (int[] hidden : HIDDEN_SIZES) {
                // no hidden layer: the hidden activation plays no part
                for (Activation activation : hidden.length == 0 ? HIDDEN.subList(0, 1) : HIDDEN) {
                    Network network = Network.of(3, hidden, activation, (Integer) output[2], (Activation) output[0],
                            (Loss) output[1]);
                    cases.add(Arguments.of(network));
                }
            }
        }
        return cases;
    }

    static NaiveNetwork naive(Network network) {
        String[] f = new String[network.depth()];
        for (int l = 1; l <= network.depth(); l++) {
            f[l - 1] = network.activation(l).id();
        }
        return new NaiveNetwork(network.layers(), f, network.loss().id());
    }

    /** m samples as columns (n_0 x m, column-major), entries in [-2, 2]. */
    static double[] features(int inputs, int m, Random random) {
        double[] x = new double[inputs * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = 4 * random.nextDouble() - 2;
        }
        return x;
    }

    /** Labels that suit the output: class indices for several units or cross-entropy, values in [0, 1] else. */
    static double[] labels(Network network, int m, Random random) {
        double[] y = new double[m];
        int units = network.outputSize();
        for (int i = 0; i < m; i++) {
            if (units > 1) {
                y[i] = random.nextInt(units);
            } else if (network.loss() == Loss.CROSS_ENTROPY) {
                y[i] = random.nextInt(2);
            } else {
                y[i] = random.nextDouble();
            }
        }
        return y;
    }

    static double[] column(double[] x, int rows, int j) {
        double[] c = new double[rows];
        System.arraycopy(x, j * rows, c, 0, rows);
        return c;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** ||a - b|| / max(||a||, ||b||), 0 when both are 0. */
    static double relativeDifference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        double scale = Math.max(norm(a), norm(b));
        return scale == 0 ? 0 : norm(d) / scale;
    }
}
