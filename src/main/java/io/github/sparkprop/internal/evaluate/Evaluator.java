package io.github.sparkprop.internal.evaluate;

import io.github.sparkprop.InputException;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.data.DataSummary;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.PassWeights;
import io.github.sparkprop.internal.spark.WeightsPass;
import io.github.sparkprop.math.Network;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Scores a network on cached blocks in one distributed pass. */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * The metrics of the network with weights w on every block: classification figures when labels are
     * given, regression figures otherwise.
     *
     * @param labels the class labels in index order, or null for regression
     */
    public static Metrics evaluate(JavaSparkContext context, JavaRDD<SampleBlock> blocks, Network network, double[] w,
            List<String> labels, int treeDepth, String description) {
        int classes = labels == null ? 0 : labels.size();
        if (classes > DataSummary.MAX_CLASSES) {
            throw new InputException("a model of " + classes + " classes cannot be evaluated: sparkprop scores "
                    + "classifiers of up to " + DataSummary.MAX_CLASSES + " classes (the confusion matrix has "
                    + "classes x classes counts in each task); predict still works");
        }
        ScoreSum sum = WeightsPass.aggregate(context, blocks, PassWeights.float64(w), new ScoreSum(),
                (acc, block, weights) -> acc.add(block, network, weights.doubles(), classes), ScoreSum::merge,
                treeDepth, "sparkprop scoring " + description);
        return sum.metrics(network.loss(), labels);
    }

    /** The figures of a trained network on its training rows and, when there are some, its validation rows. */
    public record Final(Metrics training, Metrics validation) {
    }

    /**
     * The final figures of a training run, one pass over the training blocks and, when validating, one over the
     * validation blocks (validation null otherwise).
     */
    public static Final ofTrainingAndValidation(JavaSparkContext context, JavaRDD<SampleBlock> blocks,
            Network network, double[] w, List<String> labels, int treeDepth, boolean validating) {
        Metrics training = evaluate(context, blocks.filter(SampleBlock::isTraining), network, w, labels, treeDepth,
                "training data");
        Metrics validation = validating ? evaluate(context, blocks.filter(SampleBlock::isValidation), network, w,
                labels, treeDepth, "validation data") : null;
        return new Final(training, validation);
    }
}
