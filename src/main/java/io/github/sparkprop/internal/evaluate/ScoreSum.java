package io.github.sparkprop.internal.evaluate;

import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import java.util.List;

/**
 * Per-task sums for the metrics of one pass: the loss sum and, for classifiers, the confusion matrix
 * (rows: true class, columns: predicted class); for regression the sums of errors and targets.
 */
public final class ScoreSum implements java.io.Serializable {

    /** Probabilities below this count as this in the log loss of squared-loss classifiers (as in MLlib's). */
    static final double MIN_PROBABILITY = 1e-15;

    long count;
    double loss;
    /** The summed -log p(true class) of classifiers. */
    double logLoss;
    long[] confusion;
    double squaredError;
    double absoluteError;
    /** Mean and sum of squared deviations of the regression targets (Welford; Chan et al. to merge). */
    double targetMean;
    double targetSquares;
    private transient double[] probabilities;

    /** An empty sum (the aggregation's zero). */
    public ScoreSum() {
    }

    /** A float32 block's features widened to double, reused from block to block. */
    private transient double[] widened;

    /**
     * Adds the block's figures at the weights w.
     *
     * @param classes the number of classes, or 0 for regression
     */
    public ScoreSum add(SampleBlock block, Network network, double[] w, int classes) {
        // this thread's buffers: the sum may be an executor's, added to by tasks on several threads in turn
        Backprop backprop = Backprop.forThisThread(network);
        double[] y = block.labels();
        int n = block.size();
        double blockLoss;
        if (block.isSparse()) {
            blockLoss = backprop.loss(w, block.sparse(), y);
        } else {
            double[] x = block.features();
            if (block.isFloat()) {
                widened = block.widenInto(widened); // scored in double in every precision
                x = widened;
            }
            blockLoss = backprop.loss(w, x, y, n);
        }
        loss += blockLoss;
        long before = count;
        count += n;
        double[] yHat = backprop.outputs();
        int units = network.outputSize();
        if (classes > 0) {
            if (confusion == null) {
                confusion = new long[classes * classes];
            }
            for (int j = 0; j < n; j++) {
                confusion[(int) y[j] * classes + predictedClass(yHat, j * units, units)]++;
            }
            addLogLoss(network, blockLoss, yHat, y, n);
        } else {
            for (int j = 0; j < n; j++) {
                double error = yHat[j * units] - y[j];
                squaredError += error * error;
                absoluteError += Math.abs(error);
                double deviation = y[j] - targetMean;
                targetMean += deviation / (before + j + 1);
                targetSquares += deviation * (y[j] - targetMean);
            }
        }
        return this;
    }

    /**
     * Adds the block's log loss: the loss itself for cross-entropy networks (computed stably from the logits),
     * else -log max(p_y, {@link #MIN_PROBABILITY}) of the probabilities every face reports
     * ({@link io.github.sparkprop.math.OutputLayer#probabilities}).
     */
    private void addLogLoss(Network network, double blockLoss, double[] yHat, double[] y, int n) {
        if (network.loss() == Loss.CROSS_ENTROPY) {
            logLoss += blockLoss;
            return;
        }
        int units = network.outputSize();
        if (probabilities == null) {
            probabilities = new double[Math.max(2, units)];
        }
        for (int j = 0; j < n; j++) {
            network.outputLayer().probabilities(yHat, j * units, units, probabilities);
            logLoss -= Math.log(Math.max(probabilities[(int) y[j]], MIN_PROBABILITY));
        }
    }

    /** The class of one output column: y_hat &gt;= 0.5 for one sigmoid unit, the largest unit otherwise. */
    public static int predictedClass(double[] yHat, int start, int units) {
        if (units == 1) {
            return yHat[start] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < units; k++) {
            if (yHat[start + k] > yHat[start + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Adds another partial sum into this one. */
    public ScoreSum merge(ScoreSum other) {
        if (other.count > 0) {
            double total = count + other.count;
            double deviation = other.targetMean - targetMean;
            targetSquares += other.targetSquares + deviation * deviation * count * other.count / total;
            targetMean += deviation * other.count / total;
        }
        count += other.count;
        loss += other.loss;
        logLoss += other.logLoss;
        if (other.confusion != null) {
            if (confusion == null) {
                confusion = other.confusion.clone();
            } else {
                for (int i = 0; i < confusion.length; i++) {
                    confusion[i] += other.confusion[i];
                }
            }
        }
        squaredError += other.squaredError;
        absoluteError += other.absoluteError;
        return this;
    }

    /** The metrics of the summed scores; labels null for regression. */
    public Metrics metrics(Loss lossFunction, List<String> labels) {
        double m = count;
        if (labels != null) {
            int k = labels.size();
            long[][] counts = new long[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    counts[i][j] = confusion == null ? 0 : confusion[i * k + j];
                }
            }
            return new Metrics(count, lossFunction, loss / m, logLoss / m, labels, counts, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        double r2 = targetSquares > 0 ? 1 - squaredError / targetSquares : Double.NaN;
        return new Metrics(count, lossFunction, loss / m, Double.NaN, null, null, Math.sqrt(squaredError / m),
                absoluteError / m, r2, Double.NaN);
    }
}
