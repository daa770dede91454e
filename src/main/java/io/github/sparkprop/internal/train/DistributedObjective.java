package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.evaluate.ScoreSum;
import io.github.sparkprop.internal.optim.Evaluation;
import io.github.sparkprop.internal.optim.Objective;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Precision;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The cost J(w) and its gradient over cached blocks, one distributed pass per evaluation: the weights are
 * broadcast, every task sums gradients over its blocks' part of the iteration's mini-batch into a
 * {@link GradientSum} its executor's tasks share, the executors' sums are merged by treeAggregate
 * ({@link ExecutorAggregator}), and the driver divides by m once and adds the L2 term:
 *
 * <pre>
 *   J(w)     = (1/m) sum_i loss_i + (lambda/2) sum_l ||W^l||^2
 *   dJ/dW^l  = (1/m) sum_i delta^l_i (a^{l-1}_i)^T + lambda W^l,   dJ/db^l = (1/m) sum_i delta^l_i
 * </pre>
 *
 * With instance weights v_i the sums are weighted and m = sum_i v_i (a weighted average).
 *
 * On the iterations that evaluate validation figures, the validation blocks (cached beside the training
 * blocks) are scored in the same pass. The broadcast is destroyed after each pass. The passes are jobs of their
 * own, or shares of jobs that evaluate several candidates at once ({@link Passes}).
 */
public final class DistributedObjective implements Objective {

    private final Passes passes;
    private final Network network;
    private final L2Penalty l2;
    private final MiniBatch batch;
    private final Validation validation;
    private int iteration;
    private double[] iterationStart;
    private int lastValidatedIteration;
    private double[] validatedWeights;
    private Metrics validationMetrics;

    /**
     * When and how validation blocks are scored.
     *
     * @param every  score them on iterations t with t % every == 0
     * @param labels class labels in index order, or null for regression
     */
    public record Validation(int every, List<String> labels) {
        /** No validation data. */
        public static final Validation NONE = new Validation(0, null);

        boolean due(int t) {
            return every > 0 && t % every == 0;
        }
    }

    /**
     * Passes of its own, broadcasting the weights in float64.
     *
     * @param blocks training blocks and, for validation, validation blocks (see {@link SampleBlock#isValidation})
     */
    public DistributedObjective(JavaSparkContext context, JavaRDD<SampleBlock> blocks, Network network, L2Penalty l2,
            int treeDepth, MiniBatch batch, Validation validation) {
        this(new OwnPasses(context, blocks, treeDepth, Precision.FLOAT64), network, l2, batch, validation);
    }

    /** @param passes where its passes run: jobs of its own, or shares of the jobs of several candidates */
    DistributedObjective(Passes passes, Network network, L2Penalty l2, MiniBatch batch, Validation validation) {
        this.passes = passes;
        this.network = network;
        this.l2 = l2;
        this.batch = batch;
        this.validation = validation;
    }

    /** Full batch, no validation. */
    public DistributedObjective(JavaSparkContext context, JavaRDD<SampleBlock> blocks, Network network, L2Penalty l2,
            int treeDepth) {
        this(context, blocks, network, l2, treeDepth, MiniBatch.FULL, Validation.NONE);
    }

    /**
     * Says where iteration t starts: validation figures due at t are scored in the pass that evaluates
     * exactly these weights (not in the passes of a line search's trial steps).
     */
    public void startIteration(int t, double[] w) {
        iteration = t;
        iterationStart = w;
    }

    /**
     * J and dJ/dw at w over iteration t's mini-batch; {@link Evaluation#empty} when the batch is empty.
     */
    @Override
    public Evaluation evaluate(double[] w, int t) {
        Network net = network;
        MiniBatch miniBatch = batch;
        boolean score = validation.due(t) && t != lastValidatedIteration && t == iteration
                && Arrays.equals(w, iterationStart);
        int classes = validation.labels() == null ? 0 : validation.labels().size();
        GradientSum sum = passes.run(w, new GradientSum(), GradientSum.fold(net, t, miniBatch, score, classes),
                GradientSum::merge, Double.BYTES * (long) net.parameterCount(), "sparkprop iteration " + t);
        if (score && sum.validation() != null) {
            lastValidatedIteration = t;
            validatedWeights = w.clone();
            validationMetrics = sum.validation().metrics(network.loss(), validation.labels());
        }
        if (sum.count() > 0 && sum.weightSum() == 0 && batch.isFullBatch()) {
            throw new InputException("the training rows weigh 0 in total (their {weight} and {classWeights}): no "
                    + "row counts, so there is nothing to train on");
        }
        if (sum.count() == 0 || sum.weightSum() == 0) {
            return Evaluation.empty(network.parameterCount());
        }
        double m = sum.weightSum();
        double[] gradient = sum.gradient();
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] /= m;
        }
        l2.addGradient(network, w, gradient);
        double dataLoss = sum.loss() / m;
        return new Evaluation(dataLoss + l2.value(network, w), dataLoss, gradient, sum.count());
    }

    /**
     * The validation figures at w: those of the pass that evaluated w when it scored them (first-order
     * methods), else one scoring pass over the validation blocks (L-BFGS, whose iteration starts at the
     * point its previous line search accepted).
     */
    public Metrics validation(double[] w) {
        if (validationMetrics != null && Arrays.equals(w, validatedWeights)) {
            return validationMetrics;
        }
        Network net = network;
        int classes = validation.labels() == null ? 0 : validation.labels().size();
        ScoreSum sum = passes.run(w, new ScoreSum(), (acc, block, weights) -> block.isValidation()
                ? acc.add(block, net, weights.doubles(), classes) : acc, ScoreSum::merge, 0,
                "sparkprop scoring validation data"); // small: merged per task, as Evaluator does
        return sum.metrics(network.loss(), validation.labels());
    }

    /** Says that no more passes will be asked for (see {@link Passes#done}). */
    void done() {
        passes.done();
    }

    /** Validation figures come every this many iterations; 0 without validation data. */
    public int validationEvery() {
        return validation.every();
    }

    /** Whether validation figures are due at iteration t. */
    public boolean validationDue(int t) {
        return validation.due(t);
    }

    public Network network() {
        return network;
    }
}
