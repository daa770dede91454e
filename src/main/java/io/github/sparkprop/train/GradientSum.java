package io.github.sparkprop.train;

import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.evaluate.ScoreSum;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.SparseColumns;
import java.io.Serializable;

/**
 * The per-task accumulator of one training pass: the gradient SUM over the samples of the iteration's batch
 * (no 1/m, no L2; weighted by the instance weights, if any), their loss sum, count and weight sum, and,
 * when asked, the scores of the validation blocks seen in
 * the same pass. It starts empty and allocates its arrays inside the task on the first block, so no zero
 * vector travels with the closure; partial sums are merged in place.
 */
public final class GradientSum implements Serializable {

    private double[] gradient;
    private double loss;
    private long count;
    private double weightSum;
    private ScoreSum validation;
    private transient Backprop backprop;
    private transient double[] batchX;
    private transient double[] batchY;
    private transient double[] batchWeights;
    private transient int[] batchColPtr;
    private transient int[] batchIndices;
    private transient double[] batchValues;

    /** An empty sum (the aggregation's zero). */
    public GradientSum() {
    }

    /**
     * Adds one block seen at weights w in iteration t: a training block's gradient and loss over the
     * block's part of the mini-batch, or a validation block's scores when {@code scoreValidation}.
     *
     * @param classes the number of classes (0 for regression), for the validation scores
     */
    public GradientSum add(SampleBlock block, Network network, double[] w, int t, MiniBatch batch,
            boolean scoreValidation, int classes) {
        if (block.isTest()) {
            return this; // scored once, after training
        }
        if (block.isValidation()) {
            if (scoreValidation) {
                if (validation == null) {
                    validation = new ScoreSum();
                }
                validation.add(block, network, w, classes);
            }
            return this;
        }
        if (gradient == null) {
            gradient = new double[network.parameterCount()];
        }
        if (backprop == null) {
            backprop = Backprop.forThisThread(network);
        }
        if (batch.isFullBatch()) {
            loss += block.isSparse()
                    ? backprop.addGradient(w, block.sparse(), block.labels(), block.weights(), gradient)
                    : backprop.addGradient(w, block.features(), block.labels(), block.weights(), block.size(), gradient);
            count += block.size();
            weightSum += sum(block.weights(), block.size());
            return this;
        }
        if (batchY == null || batchY.length < block.size()) {
            batchY = new double[block.size()];
            batchWeights = new double[block.size()];
            batchColPtr = new int[block.size() + 1];
        }
        double[] weights = block.weights() == null ? null : batchWeights;
        int selected;
        if (block.isSparse()) {
            int nonZeros = block.sparse().nonZeros();
            if (batchIndices == null || batchIndices.length < nonZeros) {
                batchIndices = new int[nonZeros];
                batchValues = new double[nonZeros];
            }
            SparseColumns x = batch.gatherSparse(block, t, batchColPtr, batchIndices, batchValues, batchY,
                    batchWeights);
            selected = x.cols();
            loss += backprop.addGradient(w, x, batchY, weights, gradient);
        } else {
            if (batchX == null || batchX.length < block.features().length) {
                batchX = new double[block.features().length];
            }
            selected = batch.gather(block, t, batchX, batchY, batchWeights);
            loss += backprop.addGradient(w, batchX, batchY, weights, selected, gradient);
        }
        count += selected;
        weightSum += sum(weights, selected);
        return this;
    }

    /** The sum of the first n weights, or n when there are none. */
    private static double sum(double[] weights, int n) {
        if (weights == null) {
            return n;
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += weights[j];
        }
        return s;
    }

    /** Adds another partial sum into this one. */
    public GradientSum merge(GradientSum other) {
        if (other.validation != null) {
            validation = validation == null ? other.validation : validation.merge(other.validation);
        }
        if (other.gradient == null) {
            return this;
        }
        if (gradient == null) {
            gradient = other.gradient;
        } else {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += other.gradient[i];
            }
        }
        loss += other.loss;
        count += other.count;
        weightSum += other.weightSum;
        return this;
    }

    /** sum_i dloss_i/dw over the batch, or null when no training block was seen. */
    public double[] gradient() {
        return gradient;
    }

    /** sum_i loss_i over the batch. */
    public double loss() {
        return loss;
    }

    /** The number of samples in the batch. */
    public long count() {
        return count;
    }

    /** The sum of the batch's weights: m, the divisor of the weighted average (the count when unweighted). */
    public double weightSum() {
        return weightSum;
    }

    /** The validation scores, or null when none were asked for or there is no validation block. */
    public ScoreSum validation() {
        return validation;
    }
}
