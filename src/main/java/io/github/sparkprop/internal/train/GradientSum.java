package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.evaluate.ScoreSum;
import io.github.sparkprop.internal.spark.PassWeights;
import io.github.sparkprop.internal.spark.WeightsPass;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.math.SparseColumns;
import java.io.Serializable;

/**
 * The per-task accumulator of one training pass: the gradient SUM over the samples of the iteration's batch
 * (no 1/m, no L2; weighted by the instance weights, if any), their loss sum, count and weight sum, and,
 * when asked, the scores of the validation blocks seen in
 * the same pass. It starts empty and allocates its arrays inside the task on the first block, so no zero
 * vector travels with the closure; partial sums are merged in place.
 *
 * <p>Small dense blocks are staged ({@link StagedSamples}) and go through the network together when the stage
 * is full or the sum is {@linkplain #finish() finished}: the sums of an executor's tasks, merged, gather
 * their small blocks, and the weights are swept once per stage instead of once per block. A sum must be
 * finished before it leaves its JVM ({@link #fold} says so).
 */
public final class GradientSum implements Serializable {

    private double[] gradient;
    private double loss;
    private long count;
    private double weightSum;
    private ScoreSum validation;
    /** The mini-batch's dense features: a double[] or, for float32 blocks, a float[]. */
    private transient Object batchX;
    private transient int batchXLength;
    private transient double[] batchY;
    private transient double[] batchWeights;
    private transient int[] batchColPtr;
    private transient int[] batchIndices;
    private transient double[] batchValues;
    private transient StagedSamples staged;
    /** The network and weights of the staged samples (those of the pass). */
    private transient Network stagedNetwork;
    private transient PassWeights stagedWeights;

    /** An empty sum (the aggregation's zero). */
    public GradientSum() {
    }

    /**
     * Adds one block seen at weights w (in the run's precision) in iteration t: a training block's gradient and
     * loss over the block's part of the mini-batch, or a validation block's scores when {@code scoreValidation}.
     *
     * @param classes the number of classes (0 for regression), for the validation scores
     */
    public GradientSum add(SampleBlock block, Network network, PassWeights w, int t, MiniBatch batch,
            boolean scoreValidation, int classes) {
        if (block.isTest()) {
            return this; // scored once, after training
        }
        if (block.isValidation()) {
            if (scoreValidation) {
                if (validation == null) {
                    validation = new ScoreSum();
                }
                validation.add(block, network, w.doubles(), classes);
            }
            return this;
        }
        if (gradient == null) {
            gradient = new double[network.parameterCount()];
        }
        if (batch.isFullBatch()) {
            if (block.isSparse()) {
                loss += Backprop.forThisThread(network).addGradient(w.doubles(), block.sparse(), block.labels(),
                        block.weights(), gradient);
            } else {
                addDense(network, w, block.denseFeatures(), block.labels(), block.weights(), block.size());
            }
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
            loss += Backprop.forThisThread(network).addGradient(w.doubles(), x, batchY, weights, gradient);
        } else {
            Object features = block.denseFeatures();
            int length = java.lang.reflect.Array.getLength(features);
            if (batchX == null || batchXLength < length || Precision.of(batchX) != Precision.of(features)) {
                batchX = Precision.of(features).allocate(length);
                batchXLength = length;
            }
            selected = batch.gather(block, t, batchX, batchY, batchWeights);
            addDense(network, w, batchX, batchY, weights, selected);
        }
        count += selected;
        weightSum += sum(weights, selected);
        return this;
    }

    /**
     * Adds the gradient of dense samples, now or, when they are few, once the stage is full or the sum is
     * finished.
     */
    private void addDense(Network network, PassWeights w, Object x, double[] y, double[] weights, int samples) {
        int inputs = network.inputSize();
        if (!StagedSamples.stages(inputs, samples)) {
            addGradient(network, w, x, y, weights, samples);
            return;
        }
        Precision precision = Precision.of(x);
        if (staged != null && (staged.precision() != precision || !staged.fits(samples))) {
            finish();
        }
        if (staged == null || staged.precision() != precision) {
            staged = new StagedSamples(inputs, precision);
        }
        staged.append(x, y, weights, samples);
        stagedNetwork = network;
        stagedWeights = w;
    }

    /**
     * Adds the gradient of dense samples at weights w, in the precision of their features: float32 features
     * go through the float32 arithmetic with the weights in float32 (as a float32 run broadcasts them).
     */
    private void addGradient(Network network, PassWeights w, Object x, double[] y, double[] weights, int samples) {
        // this thread's buffers: the sum may be an executor's, added to by tasks on several threads in turn
        if (x instanceof float[] floats) {
            loss += Backprop.forThisThread(network, Precision.FLOAT32).addGradient(w.floats(), floats, y, weights,
                    samples, gradient);
        } else {
            loss += Backprop.forThisThread(network).addGradient(w.doubles(), (double[]) x, y, weights, samples,
                    gradient);
        }
    }

    /** Adds the gradient of the staged samples, if any: the sum then holds every sample added to it. */
    public GradientSum finish() {
        if (staged != null && staged.size() > 0) {
            addGradient(stagedNetwork, stagedWeights, staged.features(), staged.labels(), staged.weights(),
                    staged.size());
            staged.clear();
        }
        return this;
    }

    /**
     * The fold of a training pass: {@link #add} of each block, {@link #finish} at the end of a task's or an
     * executor's blocks.
     */
    public static WeightsPass.BlockFold<GradientSum, SampleBlock> fold(Network network, int t, MiniBatch batch,
            boolean scoreValidation, int classes) {
        return new WeightsPass.BlockFold<>() {
            @Override
            public GradientSum add(GradientSum sum, SampleBlock block, PassWeights w) {
                return sum.add(block, network, w, t, batch, scoreValidation, classes);
            }

            @Override
            public GradientSum finish(GradientSum sum) {
                return sum.finish();
            }
        };
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

    /**
     * Adds another partial sum into this one. Samples the other has staged join this one's stage (they were
     * staged at the same weights: the sums are of one pass); they are added when this sum is finished.
     */
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
        if (other.staged != null && other.staged.size() > 0) {
            if (staged != null && staged.size() > 0 && (staged.precision() != other.staged.precision()
                    || !staged.fits(other.staged.size()))) {
                finish();
            }
            if (staged == null || staged.size() == 0) {
                StagedSamples empty = staged;
                staged = other.staged;
                other.staged = empty;
                stagedNetwork = other.stagedNetwork;
                stagedWeights = other.stagedWeights;
            } else {
                staged.append(other.staged.features(), other.staged.labels(), other.staged.weights(),
                        other.staged.size());
                other.staged.clear();
            }
        }
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
