package io.github.sparkprop.internal.spark;

import io.github.sparkprop.internal.spark.WeightsPass.BlockFold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * Passes over cached blocks whose per-task sums are merged on their executor before they leave it, so that
 * what a pass moves and the driver merges grows with the executors, not with the partitions (a large network
 * on many partitions otherwise moves one full gradient per partition). One pass is two Spark jobs (for small
 * sums on few partitions, where a job costs more than the bytes it saves, the plain pass):
 *
 * <ol>
 * <li>every task folds its partition's blocks into a sum kept in its executor's JVM ({@link ExecutorSums}:
 *     the executor's tasks share as many sums as run at once) and returns only a receipt: its partition and
 *     executor;</li>
 * <li>one task per executor that sent receipts, placed on it (Spark's executor location preference), takes
 *     that executor's sums, merged, with the partitions they hold; a treeAggregate merges them, its last
 *     merge on an executor too (Spark's {@code finalAggregateOnExecutor}, as SPARK-51379 does for MLlib), so
 *     that the driver receives one sum whatever the number of executors.</li>
 * </ol>
 *
 * The driver accepts the result only when every executor's sums hold exactly the partitions whose receipts
 * Spark accepted from that executor, each once, and no fold was left unfinished. A task that failed or was
 * killed midway, a retried or speculative attempt that also added its partition, an executor lost between the
 * jobs or a collector that ran elsewhere breaks that equality; then the pass is computed again the plain way
 * ({@link WeightsPass#aggregate}: one sum per task, merged by treeAggregate), so a partition is never counted
 * twice or missed. One instance per training run: its passes are numbered, and an executor keeps only the
 * latest of a run.
 */
public final class ExecutorAggregator {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorAggregator.class);

    private final long run = new Random().nextLong();
    private long passes;

    /** A task's receipt: the partition it folded and the executor whose sums hold it. */
    static final class Receipt implements java.io.Serializable {
        final int partition;
        final String executor;
        final String host;

        Receipt(int partition, String executor, String host) {
            this.partition = partition;
            this.executor = executor;
            this.host = host;
        }
    }

    /**
     * Sums collected from executors, merged: the sum, and per executor the partitions it held (in the order of
     * {@code executors}), false in {@code whole} when one of them had an unfinished fold.
     */
    static final class Gathered<A> implements java.io.Serializable {
        A sum;
        String[] executors;
        int[][] partitions;
        boolean whole;

        Gathered(A sum, String[] executors, int[][] partitions, boolean whole) {
            this.sum = sum;
            this.executors = executors;
            this.partitions = partitions;
            this.whole = whole;
        }

        /** Nothing gathered yet. */
        static <A> Gathered<A> none() {
            return new Gathered<>(null, new String[0], new int[0][], true);
        }

        Gathered<A> merge(Gathered<A> other, Function2<A, A, A> add) {
            sum = sum == null ? other.sum : other.sum == null ? sum : WeightsPass.call(add, sum, other.sum);
            executors = concat(executors, other.executors);
            partitions = concat(partitions, other.partitions);
            whole &= other.whole;
            return this;
        }

        private static <T> T[] concat(T[] a, T[] b) {
            T[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }

    /**
     * Below this many bytes of sums per pass (one per partition) the plain pass is faster: the second job
     * costs more than moving them (a job takes 10-20 ms in local mode; 16 MB take about as long to serialize,
     * move and merge).
     */
    static final long MERGE_BYTES = 16L << 20;

    /**
     * The blocks folded at weights w and merged, as {@link WeightsPass#aggregate} gives them, with the tasks'
     * sums merged per executor first when one sum per partition would weigh {@link #MERGE_BYTES} or more.
     *
     * @param zero      an empty accumulator: small, since it travels with the closure
     * @param sumBytes  the size of a full accumulator, about
     * @param treeDepth depth of the treeAggregate over the executors' sums (and, when the pass is computed the
     *                  plain way, over the tasks'); 0 chooses it from their number ({@link TreeDepth})
     */
    public <A, B> A aggregate(JavaSparkContext context, JavaRDD<B> blocks, PassWeights w, A zero, BlockFold<A, B> fold,
            Function2<A, A, A> merge, long sumBytes, int treeDepth, String jobDescription) {
        if ((double) sumBytes * blocks.getNumPartitions() < MERGE_BYTES) {
            return WeightsPass.aggregate(context, blocks, w, zero, fold, merge, treeDepth, jobDescription);
        }
        ExecutorSums.PassKey key = new ExecutorSums.PassKey(run, ++passes);
        // the weights are destroyed (large ones blocking) before the executors' sums are merged, which needs the
        // memory: the executor that merges last holds two sums and their serialized bytes at once
        List<Receipt> receipts = WeightsPass.withWeights(context, w, weights -> {
            context.setJobDescription(jobDescription);
            List<Receipt> accepted = new ArrayList<>();
            PartitionJob.run(blocks, new FoldIntoExecutorSums<>(key, zero, fold, weights), accepted::add);
            return accepted;
        });
        if (receipts.isEmpty()) {
            return zero;
        }
        Gathered<A> gathered;
        try {
            context.setJobDescription(jobDescription + " (sums of each executor)");
            gathered = collect(context, key, receipts, fold, merge, treeDepth);
        } finally {
            context.setJobDescription(null);
        }
        String problem = problem(receipts, gathered);
        if (problem == null) {
            return gathered.sum != null ? gathered.sum : zero;
        }
        LOG.warn("{}: the executors' sums were not taken ({}); the pass is computed again, one sum per task",
                jobDescription, problem);
        return WeightsPass.aggregate(context, blocks, w, zero, fold, merge, treeDepth,
                jobDescription + " (again, one sum per task)");
    }

    /**
     * Job 1's task: folds its partition's blocks into a slot of its executor's sums for the pass and returns its
     * receipt.
     */
    private static final class FoldIntoExecutorSums<A, B> extends PartitionJob.Task<B, Receipt> {

        private static final long serialVersionUID = 1L;

        private final ExecutorSums.PassKey key;
        private final A zero;
        private final BlockFold<A, B> fold;
        private final TaskWeights weights;

        FoldIntoExecutorSums(ExecutorSums.PassKey key, A zero, BlockFold<A, B> fold, TaskWeights weights) {
            this.key = key;
            this.zero = zero;
            this.fold = fold;
            this.weights = weights;
        }

        @Override
        Receipt run(Iterator<B> partition) {
            int id = TaskContext.getPartitionId();
            ExecutorSums.Slot<A> slot = ExecutorSums.acquire(key, zero);
            A sum = slot.sum();
            boolean completed = false;
            try {
                sum = fold.addAll(sum, partition, weights.value());
                completed = true;
            } finally {
                slot.release(sum, id, completed);
            }
            SparkEnv env = SparkEnv.get();
            return new Receipt(id, env.executorId(), env.blockManager().blockManagerId().host());
        }
    }

    /** Job 2: one task per executor of the receipts, preferring that executor, each taking its JVM's sums. */
    private static <A, B> Gathered<A> collect(JavaSparkContext context, ExecutorSums.PassKey key,
            List<Receipt> receipts, BlockFold<A, B> fold, Function2<A, A, A> merge, int treeDepth) {
        Map<String, String> hosts = new LinkedHashMap<>();
        receipts.forEach(r -> hosts.putIfAbsent(r.executor, r.host));
        List<Tuple2<String, scala.collection.immutable.Seq<String>>> placed = new ArrayList<>();
        hosts.forEach((executor, host) -> placed.add(new Tuple2<>(executor,
                CollectionConverters.asScala(List.of("executor_" + host + "_" + executor)).toList())));
        JavaRDD<String> collectors = context.sc().makeRDD(CollectionConverters.asScala(placed).toList(),
                ClassTag$.MODULE$.apply(String.class)).toJavaRDD();
        int depth = treeDepth > 0 ? treeDepth : TreeDepth.forPartitions(hosts.size());
        // the last merge on an executor too: the driver receives one sum, however many executors there are
        return collectors.treeAggregate(Gathered.<A>none(), (gathered, executor) -> {
            ExecutorSums.Holding<A> held = ExecutorSums.collect(key, fold::finish,
                    (a, b) -> WeightsPass.call(merge, a, b));
            return gathered.merge(new Gathered<>(held.sum(), new String[] {SparkEnv.get().executorId()},
                    new int[][] {held.partitions()}, held.whole()), merge);
        }, (a, b) -> a.merge(b, merge), depth, true);
    }

    /**
     * Why the gathered sums are not the pass's, or null when they are: each executor's partitions must be
     * those of the receipts Spark accepted from it, each once.
     */
    static String problem(List<Receipt> receipts, Gathered<?> gathered) {
        if (!gathered.whole) {
            return "a task did not finish its fold";
        }
        Map<String, List<Integer>> expected = new HashMap<>();
        receipts.forEach(r -> expected.computeIfAbsent(r.executor, e -> new ArrayList<>()).add(r.partition));
        Map<String, List<Integer>> held = new HashMap<>();
        for (int i = 0; i < gathered.executors.length; i++) {
            List<Integer> partitions = held.computeIfAbsent(gathered.executors[i], e -> new ArrayList<>());
            Arrays.stream(gathered.partitions[i]).forEach(partitions::add);
        }
        held.values().removeIf(List::isEmpty);
        expected.values().forEach(Collections::sort);
        held.values().forEach(Collections::sort);
        if (expected.equals(held)) {
            return null;
        }
        for (Map.Entry<String, List<Integer>> executor : expected.entrySet()) {
            List<Integer> found = held.getOrDefault(executor.getKey(), List.of());
            if (!found.equals(executor.getValue())) {
                return "executor " + executor.getKey() + " holds partitions " + found + ", its accepted tasks "
                        + executor.getValue();
            }
        }
        return "sums held by executors without accepted tasks: " + held.keySet();
    }
}
