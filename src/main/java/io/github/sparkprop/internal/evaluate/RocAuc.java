package io.github.sparkprop.internal.evaluate;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The exact area under the ROC curve of a binary classifier, computed distributively: with s the
 * positive-class score, AUC = P(s_pos &gt; s_neg) + 1/2 P(s_pos = s_neg), the Mann-Whitney statistic. Every
 * distinct score gets its (positive, negative) counts (reduceByKey), the scores are sorted (sortByKey), and
 * AUC = sum over scores v of pos(v) (neg(&lt; v) + neg(v) / 2) / (P N), with neg(&lt; v) from per-partition
 * totals. Only one number per partition comes back to the driver besides the result.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /** AUC of the network's positive-class output on the blocks (labels 0 and 1), or NaN with one class. */
    public static double of(JavaSparkContext context, JavaRDD<SampleBlock> blocks, Network network, double[] w) {
        Broadcast<double[]> weights = context.broadcast(w);
        try {
            JavaPairRDD<Double, long[]> counts = blocks
                    .mapPartitionsToPair(it -> scores(it, network, weights.value()))
                    .reduceByKey(RocAuc::add)
                    .sortByKey();
            counts.cache();
            List<long[]> totals = counts.mapPartitions(RocAuc::totals).collect();
            long positives = 0;
            long negatives = 0;
            long[] negativesBefore = new long[totals.size()];
            for (int p = 0; p < totals.size(); p++) {
                negativesBefore[p] = negatives;
                positives += totals.get(p)[0];
                negatives += totals.get(p)[1];
            }
            if (positives == 0 || negatives == 0) {
                counts.unpersist(false);
                return Double.NaN;
            }
            double pairs = counts.mapPartitionsWithIndex((p, it) -> List.of(wins(it, negativesBefore[p])).iterator(),
                    false).reduce(Double::sum);
            counts.unpersist(false);
            return pairs / ((double) positives * negatives);
        } finally {
            weights.destroy(true);
        }
    }

    /** (score, [positives, negatives]) of one partition's samples, scores with equal value merged. */
    private static Iterator<Tuple2<Double, long[]>> scores(Iterator<SampleBlock> blocks, Network network, double[] w) {
        Backprop backprop = new Backprop(network);
        Map<Double, long[]> counts = new HashMap<>();
        double[] widened = null; // a float32 block's features in double: scores are computed in double
        while (blocks.hasNext()) {
            SampleBlock block = blocks.next();
            double[] x = block.features();
            if (block.isFloat()) {
                widened = block.widenInto(widened);
                x = widened;
            }
            double[] p = block.isSparse() ? backprop.predict(w, block.sparse()) : backprop.predict(w, x, block.size());
            int units = network.outputSize();
            for (int j = 0; j < block.size(); j++) {
                double score = units == 1 ? p[j] : p[j * units + 1];
                counts.computeIfAbsent(score, s -> new long[2])[block.labels()[j] == 1 ? 0 : 1]++;
            }
        }
        List<Tuple2<Double, long[]>> pairs = new ArrayList<>();
        counts.forEach((score, c) -> pairs.add(new Tuple2<>(score, c)));
        return pairs.iterator();
    }

    private static long[] add(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private static Iterator<long[]> totals(Iterator<Tuple2<Double, long[]>> sorted) {
        long[] total = new long[2];
        sorted.forEachRemaining(t -> {
            total[0] += t._2()[0];
            total[1] += t._2()[1];
        });
        return List.of(total).iterator();
    }

    /** sum of pos(v) (neg(&lt; v) + neg(v) / 2) over a partition of ascending scores. */
    private static double wins(Iterator<Tuple2<Double, long[]>> sorted, long negativesBefore) {
        double wins = 0;
        long below = negativesBefore;
        while (sorted.hasNext()) {
            long[] c = sorted.next()._2();
            wins += c[0] * (below + 0.5 * c[1]);
            below += c[1];
        }
        return wins;
    }
}
