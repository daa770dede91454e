package io.github.sparkprop.evaluate;

import io.github.sparkprop.data.LoadedData;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.spark.WeightsPass;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** Scores a network on cached data in one distributed pass. */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * The metrics of the network with weights w on the data: classification figures when the data have
     * classes, regression figures otherwise.
     */
    public static Metrics evaluate(JavaSparkContext context, LoadedData data, Network network, double[] w,
            int treeDepth) {
        List<String> labels = data.encoder() == null ? null : data.encoder().labels();
        int classes = labels == null ? 0 : labels.size();
        ScoreSum sum = WeightsPass.aggregate(context, data.blocks(), w, new ScoreSum(),
                (acc, block, weights) -> acc.add(block, network, weights, classes), ScoreSum::merge, treeDepth,
                "sparkprop scoring " + data.description());
        return Metrics.of(sum, network.loss(), labels);
    }
}
