package io.github.sparkprop.math;

/**
 * An independent reference for the tests: the design's formulas for one sample at a time, written with
 * plain scalar loops and the textbook forms of the losses. It shares no code with {@link Backprop}.
 */
public final class NaiveNetwork {

    private final int[] n;
    private final String[] f;
    private final String loss;

    /** @param f activation names per weight layer, e.g. "relu", "softmax"; loss "cross-entropy" or "squared" */
    public NaiveNetwork(int[] layers, String[] f, String loss) {
        this.n = layers;
        this.f = f;
        this.loss = loss;
    }

    /** Offset of W^l (l = 1..L), row-major n_l x n_{l-1}, followed by b^l. */
    int offset(int l) {
        int offset = 0;
        for (int k = 1; k < l; k++) {
            offset += n[k] * n[k - 1] + n[k];
        }
        return offset;
    }

    public int parameterCount() {
        return offset(n.length);
    }

    /** z^l for every layer l = 1..L of one sample (index 0 unused). */
    double[][] preActivations(double[] w, double[] x) {
        int depth = n.length - 1;
        double[][] z = new double[depth + 1][];
        double[] a = x;
        for (int l = 1; l <= depth; l++) {
            z[l] = new double[n[l]];
            int off = offset(l);
            for (int j = 0; j < n[l]; j++) {
                double s = w[off + n[l] * n[l - 1] + j];
                for (int i = 0; i < n[l - 1]; i++) {
                    s += w[off + j * n[l - 1] + i] * a[i];
                }
                z[l][j] = s;
            }
            a = activate(f[l - 1], z[l]);
        }
        return z;
    }

    static double[] activate(String name, double[] z) {
        double[] a = new double[z.length];
        if (name.equals("softmax")) {
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v);
            }
            for (int k = 0; k < z.length; k++) {
                a[k] = Math.exp(z[k]) / sum;
            }
            return a;
        }
        for (int k = 0; k < z.length; k++) {
            a[k] = switch (name) {
                case "sigmoid" -> 1.0 / (1.0 + Math.exp(-z[k]));
                case "tanh" -> Math.tanh(z[k]);
                case "relu" -> z[k] > 0 ? z[k] : 0.0;
                case "leaky-relu" -> z[k] > 0 ? z[k] : 0.01 * z[k];
                case "identity" -> z[k];
                case "gelu" -> z[k] * HighPrecision.normalCdf(z[k]);
                case "silu" -> z[k] / (1.0 + Math.exp(-z[k]));
                default -> throw new IllegalArgumentException(name);
            };
        }
        return a;
    }

    /** f'(z) computed from z itself. */
    static double derivative(String name, double z) {
        return switch (name) {
            case "sigmoid" -> Math.exp(-z) / ((1 + Math.exp(-z)) * (1 + Math.exp(-z)));
            case "tanh" -> 1.0 / (Math.cosh(z) * Math.cosh(z));
            case "relu" -> z > 0 ? 1.0 : 0.0;
            case "leaky-relu" -> z > 0 ? 1.0 : 0.01;
            case "identity" -> 1.0;
            case "gelu" -> HighPrecision.normalCdf(z) + z * HighPrecision.normalDensity(z);
            case "silu" -> (1.0 + Math.exp(-z) + z * Math.exp(-z)) / ((1.0 + Math.exp(-z)) * (1.0 + Math.exp(-z)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    double[] target(double label) {
        int units = n[n.length - 1];
        double[] y = new double[units];
        if (units == 1) {
            y[0] = label;
        } else {
            y[(int) label] = 1.0;
        }
        return y;
    }

    /** The per-sample loss by its textbook formula. */
    public double loss(double[] w, double[] x, double label) {
        double[][] z = preActivations(w, x);
        int depth = n.length - 1;
        double[] yHat = activate(f[depth - 1], z[depth]);
        double[] y = target(label);
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            if (loss.equals("squared")) {
                sum += 0.5 * (yHat[k] - y[k]) * (yHat[k] - y[k]);
            } else if (y.length == 1) {
                sum += -(y[k] * Math.log(yHat[k]) + (1 - y[k]) * Math.log(1 - yHat[k]));
            } else {
                sum += -y[k] * Math.log(yHat[k]);
            }
        }
        return sum;
    }

    /** Adds the per-sample gradient of the loss to {@code gradient}, by back-propagation one sample at a time. */
    public void addGradient(double[] w, double[] x, double label, double[] gradient) {
        int depth = n.length - 1;
        double[][] z = preActivations(w, x);
        double[][] a = new double[depth + 1][];
        a[0] = x;
        for (int l = 1; l <= depth; l++) {
            a[l] = activate(f[l - 1], z[l]);
        }
        double[] y = target(label);
        double[] delta = new double[n[depth]];
        for (int k = 0; k < delta.length; k++) {
            delta[k] = a[depth][k] - y[k];
            if (loss.equals("squared")) {
                delta[k] *= derivative(f[depth - 1], z[depth][k]);
            }
        }
        for (int l = depth; l >= 1; l--) {
            int off = offset(l);
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < n[l - 1]; i++) {
                    gradient[off + j * n[l - 1] + i] += delta[j] * a[l - 1][i];
                }
                gradient[off + n[l] * n[l - 1] + j] += delta[j];
            }
            if (l > 1) {
                double[] previous = new double[n[l - 1]];
                for (int i = 0; i < n[l - 1]; i++) {
                    double s = 0;
                    for (int j = 0; j < n[l]; j++) {
                        s += w[off + j * n[l - 1] + i] * delta[j];
                    }
                    previous[i] = s * derivative(f[l - 2], z[l - 1][i]);
                }
                delta = previous;
            }
        }
    }
}
