package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.PassWeights;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * The accumulators of several candidates' passes in one Spark job: one accumulator per candidate, each folded
 * with the candidate's own fold at the candidate's own weights (a slice of the broadcast concatenation), each
 * merged with its own merge. Each block goes through every candidate as it comes, while it is in the CPU's
 * cache, so each candidate's accumulator sees the task's blocks in partition order, exactly as the candidate's
 * own pass would (each network keeps its buffers on the thread: {@code Backprop.forThisThread}).
 */
final class CandidateSums implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Object[] sums;
    /** Each candidate's slice of the weights last seen, and the concatenation they were cut from. */
    private transient PassWeights[] slices;
    private transient PassWeights slicedFrom;

    CandidateSums(Object[] zeros) {
        this.sums = zeros.clone();
    }

    /** Candidate k's accumulator. */
    Object sum(int k) {
        return sums[k];
    }

    /** Each candidate's weights in the concatenation w, cut once per pass and accumulator. */
    private PassWeights[] slices(PassWeights w, int[] offsets) {
        if (slicedFrom != w) {
            slices = new PassWeights[offsets.length - 1];
            for (int k = 0; k < slices.length; k++) {
                slices[k] = w.slice(offsets[k], offsets[k + 1]);
            }
            slicedFrom = w;
        }
        return slices;
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
            public CandidateSums add(CandidateSums acc, SampleBlock block, PassWeights w) {
                PassWeights[] weights = acc.slices(w, offsets);
                for (int k = 0; k < folds.size(); k++) {
                    acc.sums[k] = folds.get(k).add(acc.sums[k], block, weights[k]);
                }
                return acc;
            }

            @Override
            public CandidateSums finish(CandidateSums acc) {
                for (int k = 0; k < folds.size(); k++) {
                    acc.sums[k] = folds.get(k).finish(acc.sums[k]);
                }
                return acc;
            }
        };
    }

    /** The merge of the candidates' merges, candidate by candidate. */
    static Function2<CandidateSums, CandidateSums, CandidateSums> merge(List<Function2<Object, Object, Object>> merges) {
        return (a, b) -> {
            for (int k = 0; k < merges.size(); k++) {
                a.sums[k] = merges.get(k).call(a.sums[k], b.sums[k]);
            }
            return a;
        };
    }
}
