package io.github.sparkprop.math;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The output activation fused with its loss. Given z^L for a block (units x samples, column-major) and
 * the labels, it returns the loss sum and writes delta^L = dloss/dz^L, per the design's table:
 *
 * <pre>
 *   1 sigmoid unit  + cross-entropy : loss = -[y log y_hat + (1-y) log(1-y_hat)],  delta = y_hat - y
 *   k softmax units + cross-entropy : loss = -sum_k y_k log y_hat_k,               delta = y_hat - y
 *   f any hidden activation + squared              : loss = 1/2 ||y_hat - y||^2,  delta = (y_hat - y) .* f'(z)
 * </pre>
 *
 * A label is a class index (0..k-1, or 0/1 for one sigmoid unit) for classifiers, whose target y is then
 * one-hot, or the target value itself for a single regression unit. An activation whose derivative needs z
 * ({@link Activation#needsZ}) is a valid squared-loss output too: its f'(z^L) is taken before z^L is
 * overwritten by y_hat.
 */
public abstract sealed class OutputLayer implements Serializable {

    /**
     * The output activation f_L.
     *
     * @return f_L: sigmoid or softmax for cross-entropy, the squared-error output's own activation otherwise
     */
    public abstract Activation activation();

    /**
     * Computes the loss summed over the block, writes delta^L into {@code delta} and replaces z^L by the
     * outputs y_hat = f(z^L) (class probabilities for classifiers). With instance weights the loss is
     * sum_j w_j loss_j and the delta of sample j is multiplied by w_j.
     *
     * @param z       z^L, units x samples, column-major; holds y_hat on return
     * @param labels  one label per sample
     * @param weights one weight per sample, or null for 1
     * @param units   n_L, the number of output units (rows)
     * @param samples the number of samples (columns) in the block
     * @param delta   receives delta^L, units x samples
     * @return the (weighted) sum of the per-sample losses
     */
    public abstract double lossAndDelta(double[] z, double[] labels, double[] weights, int units, int samples,
            double[] delta);

    /**
     * The class probabilities of one sample from its outputs y_hat = f(z^L), the one rule every face scores
     * with: for one unit (two classes) (1 - y_hat, y_hat); for k softmax units y_hat itself; for k units of
     * another activation (squared loss) y_hat clipped at 0 and divided by its sum (1/k each when the sum is 0).
     *
     * @param yHat  the outputs, the sample's in {@code yHat[start .. start + units - 1]}
     * @param start the index of the sample's first output in yHat (j * units for column j of a block)
     * @param units n_L, the number of output units
     * @param p     receives the probabilities: 2 for one unit, else units
     */
    public void probabilities(double[] yHat, int start, int units, double[] p) {
        if (units == 1) {
            p[0] = 1 - yHat[start];
            p[1] = yHat[start];
            return;
        }
        if (outputsDistribution()) {
            System.arraycopy(yHat, start, p, 0, units);
            return;
        }
        double sum = 0;
        for (int k = 0; k < units; k++) {
            p[k] = Math.max(yHat[start + k], 0.0);
            sum += p[k];
        }
        for (int k = 0; k < units; k++) {
            p[k] = sum > 0 ? p[k] / sum : 1.0 / units;
        }
    }

    /**
     * Whether the outputs of a sample's k units are already a probability distribution (softmax's).
     *
     * @return true for softmax with cross-entropy, whose {@link #probabilities} are y_hat itself
     */
    public boolean outputsDistribution() {
        return false;
    }

    /** Multiplies the delta columns by the sample weights. */
    static void weigh(double[] delta, double[] weights, int units, int samples) {
        if (weights == null) {
            return;
        }
        for (int j = 0, start = 0; j < samples; j++, start += units) {
            for (int i = start; i < start + units; i++) {
                delta[i] *= weights[j];
            }
        }
    }

    /**
     * The output layer for an activation, loss and number of output units.
     *
     * @param activation the output activation f_L
     * @param loss       the loss
     * @param units      n_L, the number of output units
     * @return sigmoid with cross-entropy for 1 sigmoid unit, softmax with cross-entropy for k &gt;= 2 softmax
     *         units, squared error for any number of units of a hidden-capable activation
     * @throws IllegalArgumentException for a pairing the design does not allow, naming the valid ones
     */
    public static OutputLayer of(Activation activation, Loss loss, int units) {
        if (loss == Loss.CROSS_ENTROPY && activation.equals(Activation.SIGMOID) && units == 1) {
            return new SigmoidCrossEntropy();
        }
        if (loss == Loss.CROSS_ENTROPY && activation.equals(Activation.SOFTMAX) && units >= 2) {
            return new SoftmaxCrossEntropy();
        }
        if (loss == Loss.SQUARED && activation.isHiddenCapable()) {
            return new SquaredError(activation);
        }
        throw new IllegalArgumentException("output of " + units + " " + activation.id() + " unit(s) with "
                + loss.id() + " loss is not supported; valid output/loss pairings: 1 sigmoid unit with "
                + "cross-entropy, k >= 2 softmax units with cross-entropy, " + String.join("/", Activation.hiddenIds())
                + " units with squared");
    }

    /** One sigmoid unit with binary cross-entropy, computed from the logit z. */
    static final class SigmoidCrossEntropy extends OutputLayer {
        @Override
        public Activation activation() {
            return Activation.SIGMOID;
        }

        /**
         * loss = log(1 + e^z) - y z, written as max(z, 0) - y z + log1p(e^-|z|) so that neither the
         * exponential nor the logarithm can overflow or lose the result for |z| large.
         */
        @Override
        public double lossAndDelta(double[] z, double[] labels, double[] weights, int units, int samples,
                double[] delta) {
            double sum = 0.0;
            for (int j = 0; j < samples; j++) {
                double zj = z[j];
                double y = labels[j];
                double loss = Math.max(zj, 0.0) - y * zj + Math.log1p(Math.exp(-Math.abs(zj)));
                sum += weights == null ? loss : weights[j] * loss;
                z[j] = Elementwise.logistic(zj);
                delta[j] = z[j] - y;
            }
            weigh(delta, weights, units, samples);
            return sum;
        }
    }

    /** k softmax units with categorical cross-entropy. */
    static final class SoftmaxCrossEntropy extends OutputLayer {
        @Override
        public Activation activation() {
            return Activation.SOFTMAX;
        }

        @Override
        public boolean outputsDistribution() {
            return true;
        }

        /**
         * With e_k = e^{z_k - max} and s = sum_k e_k: loss = max + log s - z_y and y_hat_k = e_k / s, so no
         * exponential overflows, the loss is finite for any finite z, and each unit takes one exponential.
         */
        @Override
        public double lossAndDelta(double[] z, double[] labels, double[] weights, int units, int samples,
                double[] delta) {
            double sum = 0.0;
            for (int j = 0, start = 0; j < samples; j++, start += units) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = start; i < start + units; i++) {
                    max = Math.max(max, z[i]);
                }
                int label = (int) labels[j];
                double zLabel = z[start + label];
                double expSum = 0.0;
                for (int i = start; i < start + units; i++) {
                    z[i] = Math.exp(z[i] - max);
                    expSum += z[i];
                }
                double loss = max + Math.log(expSum) - zLabel;
                sum += weights == null ? loss : weights[j] * loss;
                for (int i = start; i < start + units; i++) {
                    z[i] /= expSum;
                    delta[i] = z[i];
                }
                delta[start + label] -= 1.0;
            }
            weigh(delta, weights, units, samples);
            return sum;
        }
    }

    /** Squared error after any element-wise output activation. */
    static final class SquaredError extends OutputLayer {
        private final Activation activation;

        SquaredError(Activation activation) {
            this.activation = activation;
        }

        @Override
        public Activation activation() {
            return activation;
        }

        /**
         * y_hat = f(z); loss = 1/2 sum_k (y_hat_k - y_k)^2; delta = f'(z) .* (y_hat - y). The target y is the label
         * itself for one unit and the one-hot vector of the label for several. f' goes into delta first, from z
         * before y_hat overwrites it for an activation that {@link Activation#needsZ needs z}, else from y_hat.
         */
        @Override
        public double lossAndDelta(double[] z, double[] labels, double[] weights, int units, int samples,
                double[] delta) {
            int n = units * samples;
            Arrays.fill(delta, 0, n, 1.0);
            if (activation.needsZ()) {
                activation.multiplyByDerivative(z, null, delta, n);
                activation.apply(z, units, samples);
            } else {
                activation.apply(z, units, samples);
                activation.multiplyByDerivative(null, z, delta, n);
            }
            double sum = 0.0;
            for (int j = 0, start = 0; j < samples; j++, start += units) {
                double loss = 0.0;
                for (int i = 0; i < units; i++) {
                    double target = units == 1 ? labels[j] : (i == (int) labels[j] ? 1.0 : 0.0);
                    double diff = z[start + i] - target;
                    loss += 0.5 * diff * diff;
                    delta[start + i] *= diff;
                }
                sum += weights == null ? loss : weights[j] * loss;
            }
            weigh(delta, weights, units, samples);
            return sum;
        }
    }
}
