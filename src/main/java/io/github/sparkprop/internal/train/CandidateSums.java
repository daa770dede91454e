package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * The accumulators of several candidates' passes in one Spark job: one accumulator per candidate, each folded
 * with the candidate's own fold at the candidate's own weights (a slice of the broadcast concatenation), each
 * merged with its own merge. A task keeps its blocks (references to the cached ones) and runs them through one
 * candidate after the other when it finishes, so that each candidate's accumulator sees the task's blocks in
 * partition order, exactly as the candidate's own pass would, and the network's buffers are reused.
 */
final class CandidateSums implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Object[] sums;
    /** The task's blocks, not yet run through the candidates, and the weights they are to be seen at. */
    private transient List<SampleBlock> blocks;
    private transient double[] weights;

    CandidateSums(Object[] zeros) {
        this.sums = zeros.clone();
    }

    /** Candidate k's accumulator. */
    Object sum(int k) {
        return sums[k];
    }

    /**
     * The fold of the candidates' folds.
     *
     * @param folds   each candidate's fold
     * @param offsets where each candidate's weights start in the broadcast concatenation, and its end last
     */
    static BlockFold<CandidateSums, SampleBlock> fold(List<BlockFold<Object, SampleBlock>> folds, int[] offsets) {
        return new BlockFold<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public CandidateSums add(CandidateSums acc, SampleBlock block, double[] w) {
                if (acc.blocks == null) {
                    acc.blocks = new ArrayList<>();
                }
                acc.blocks.add(block);
                acc.weights = w;
                return acc;
            }

            @Override
            public CandidateSums finish(CandidateSums acc) {
                if (acc.blocks != null) {
                    for (int k = 0; k < folds.size(); k++) {
                        double[] weights = Arrays.copyOfRange(acc.weights, offsets[k], offsets[k + 1]);
                        Object sum = acc.sums[k];
                        for (SampleBlock block : acc.blocks) {
                            sum = folds.get(k).add(sum, block, weights);
                        }
                        acc.sums[k] = sum;
                    }
                    acc.blocks = null;
                }
                for (int k = 0; k < folds.size(); k++) {
                    acc.sums[k] = folds.get(k).finish(acc.sums[k]);
                }
                return acc;
            }
        };
    }

    /**
     * The merge of the candidates' merges, candidate by candidate; blocks not yet run through them (an executor's
     * tasks merged before they finish) are kept for the finish of the merged accumulator.
     */
    static Function2<CandidateSums, CandidateSums, CandidateSums> merge(List<Function2<Object, Object, Object>> merges) {
        return (a, b) -> {
            if (b.blocks != null) {
                if (a.blocks == null) {
                    a.blocks = new ArrayList<>();
                    a.weights = b.weights;
                }
                a.blocks.addAll(b.blocks);
            }
            for (int k = 0; k < merges.size(); k++) {
                a.sums[k] = merges.get(k).call(a.sums[k], b.sums[k]);
            }
            return a;
        };
    }
}
