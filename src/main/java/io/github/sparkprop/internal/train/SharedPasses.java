package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.spark.ExecutorAggregator;
import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import io.github.sparkprop.math.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/**
 * The passes of K candidates trained together on the same cached blocks, one Spark job a round: each candidate
 * trains in a thread of its own, and each pass it asks for waits until every candidate still training has asked
 * for one (or said it is done); the round then evaluates every candidate's request in one job over the blocks
 * ({@link CandidateSums}: the weights broadcast as one concatenation, each task running its blocks through every
 * candidate, one merged structure of K accumulators) and hands each its own accumulator. A candidate's optimizer
 * thus sees exactly the sums of its own passes, whatever the others do: an L-BFGS line search asks for several
 * points in a row, one a round, while a first-order candidate steps once a round. A failed job fails the passes of
 * that round's candidates.
 */
final class SharedPasses {

    private final JavaSparkContext context;
    private final JavaRDD<SampleBlock> blocks;
    private final int treeDepth;
    private final Precision precision;
    private final ExecutorAggregator aggregator = new ExecutorAggregator();
    /** The requests of the coming round, by candidate: their order in the job is the candidates'. */
    private final Map<Integer, Request<?>> pending = new TreeMap<>();
    private int live;
    private int rounds;

    /**
     * @param precision  the arithmetic of the candidates' tasks, and so the type their weights travel in
     * @param candidates the number of candidates that will ask for passes (each must end with {@link Passes#done})
     */
    SharedPasses(JavaSparkContext context, JavaRDD<SampleBlock> blocks, int treeDepth, Precision precision,
            int candidates) {
        this.context = context;
        this.blocks = blocks;
        this.treeDepth = treeDepth;
        this.precision = precision;
        this.live = candidates;
    }

    /** The passes of candidate k. */
    Passes candidate(int k) {
        return new Passes() {
            private boolean done;

            @Override
            public <A> A run(double[] w, A zero, BlockFold<A, SampleBlock> fold, Function2<A, A, A> merge,
                    long sumBytes, String description) {
                if (done) {
                    throw new IllegalStateException("candidate " + k + " said it was done");
                }
                return submit(k, new Request<>(w, zero, fold, merge, sumBytes));
            }

            @Override
            public void done() {
                if (!done) {
                    done = true;
                    leave();
                }
            }
        };
    }

    /** The rounds run so far (one Spark job each, bar retries). */
    synchronized int rounds() {
        return rounds;
    }

    private synchronized <A> A submit(int candidate, Request<A> request) {
        pending.put(candidate, request);
        if (pending.size() == live) {
            runRound();
        }
        boolean interrupted = false;
        while (!request.answered) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the round this request is in answers it; the flag is kept for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (request.failure != null) {
            if (request.failure instanceof Error error) {
                throw error;
            }
            throw request.failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(request.failure.getMessage(), request.failure);
        }
        return request.result;
    }

    private synchronized void leave() {
        live--;
        if (live > 0 && pending.size() == live) {
            runRound();
        }
    }

    /** One job for every pending request; each is answered, with its accumulator or the job's failure. */
    private void runRound() {
        List<Request<?>> requests = new ArrayList<>(pending.values());
        pending.clear();
        rounds++;
        try {
            int[] offsets = new int[requests.size() + 1];
            long sumBytes = 0;
            List<BlockFold<Object, SampleBlock>> folds = new ArrayList<>();
            List<Function2<Object, Object, Object>> merges = new ArrayList<>();
            Object[] zeros = new Object[requests.size()];
            for (int k = 0; k < requests.size(); k++) {
                Request<?> request = requests.get(k);
                offsets[k + 1] = offsets[k] + request.w.length;
                sumBytes += request.sumBytes;
                folds.add(request.untypedFold());
                merges.add(request.untypedMerge());
                zeros[k] = request.zero;
            }
            double[] weights = new double[offsets[requests.size()]];
            for (int k = 0; k < requests.size(); k++) {
                System.arraycopy(requests.get(k).w, 0, weights, offsets[k], requests.get(k).w.length);
            }
            CandidateSums sums = aggregator.aggregate(context, blocks, Passes.weights(weights, precision),
                    new CandidateSums(zeros), CandidateSums.fold(folds, offsets), CandidateSums.merge(merges),
                    sumBytes, treeDepth,
                    "sparkprop candidates, round " + rounds + ": " + requests.size() + " passes");
            for (int k = 0; k < requests.size(); k++) {
                requests.get(k).answer(sums.sum(k), null);
            }
        } catch (Throwable e) { // Spark's SparkException (a failed or cancelled job) too, which Scala throws undeclared
            requests.forEach(request -> request.answer(null, e));
        } finally {
            notifyAll();
        }
    }

    /** One candidate's pass, waiting for its round. */
    private static final class Request<A> {
        final double[] w;
        final A zero;
        final BlockFold<A, SampleBlock> fold;
        final Function2<A, A, A> merge;
        final long sumBytes;
        boolean answered;
        A result;
        Throwable failure;

        Request(double[] w, A zero, BlockFold<A, SampleBlock> fold, Function2<A, A, A> merge, long sumBytes) {
            this.w = w;
            this.zero = zero;
            this.fold = fold;
            this.merge = merge;
            this.sumBytes = sumBytes;
        }

        @SuppressWarnings("unchecked")
        void answer(Object sum, Throwable e) {
            result = (A) sum;
            failure = e;
            answered = true;
        }

        @SuppressWarnings("unchecked")
        BlockFold<Object, SampleBlock> untypedFold() {
            return (BlockFold<Object, SampleBlock>) (BlockFold<?, SampleBlock>) fold;
        }

        @SuppressWarnings("unchecked")
        Function2<Object, Object, Object> untypedMerge() {
            return (Function2<Object, Object, Object>) (Function2<?, ?, ?>) merge;
        }
    }
}
