package io.github.sparkprop.internal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.testing.SharedSpark;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/**
 * Passes whose sums are merged per executor, on the shared local session (one executor, the driver): the
 * result is the exact sum however many partitions, work a fold put off is done once, a failed pass leaves
 * nothing that a later pass counts, and the driver's check refuses every way an executor's sums can differ
 * from the tasks Spark accepted.
 */
class ExecutorAggregatorTest {

    /**
     * A fold of longs into {sum, blocks, pending}: each value waits in pending until finish moves it into the
     * sum, as staged samples wait for their GEMM; merging keeps what is pending. Without its finish, a pass
     * would miss values.
     */
    static final class PuttingOff implements WeightsPass.BlockFold<long[], Long> {
        @Override
        public long[] add(long[] acc, Long value, PassWeights w) {
            acc[2] += value * (long) w.doubles()[0];
            acc[1]++;
            return acc;
        }

        @Override
        public long[] finish(long[] acc) {
            acc[0] += acc[2];
            acc[2] = 0;
            return acc;
        }
    }

    /** As {@link PuttingOff}, failing in the task of partition 2. */
    static final class FailingOnPartitionTwo implements WeightsPass.BlockFold<long[], Long> {
        @Override
        public long[] add(long[] acc, Long value, PassWeights w) {
            acc[2] += value;
            if (TaskContext.getPartitionId() == 2) {
                throw new IllegalStateException("partition 2 fails");
            }
            return acc;
        }
    }

    /** Sums said to be this large are merged per executor on any number of partitions. */
    private static final long MERGED = ExecutorAggregator.MERGE_BYTES;

    private static PassWeights weights(double w) {
        return PassWeights.float64(new double[] {w});
    }

    private static long[] merge(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static JavaRDD<Long> values(long n, int partitions) {
        return SharedSpark.context().parallelize(LongStream.rangeClosed(1, n).boxed().toList(), partitions);
    }

    @Test
    void theSumIsExactOnAnyNumberOfPartitions() {
        ExecutorAggregator aggregator = new ExecutorAggregator();
        long n = 1_000;
        for (int partitions : new int[] {1, 3, 32, 100}) {
            long[] sum = aggregator.aggregate(SharedSpark.context(), values(n, partitions), weights(3),
                    new long[3], new PuttingOff(), ExecutorAggregatorTest::merge, MERGED, 0, "test pass");
            assertArrayEquals(new long[] {3 * n * (n + 1) / 2, n, 0}, sum, partitions + " partitions");
        }
    }

    /** The Spark jobs a pass of sums of the given size over 3 partitions runs. */
    private static int jobsOfAPass(long sumBytes) {
        String group = "jobs-of-a-pass-" + sumBytes;
        SharedSpark.context().setJobGroup(group, "counting jobs", false);
        try {
            long[] sum = new ExecutorAggregator().aggregate(SharedSpark.context(), values(90, 3), weights(1),
                    new long[3], new PuttingOff(), ExecutorAggregatorTest::merge, sumBytes, 0, "counted pass");
            assertEquals(90 * 91 / 2, sum[0]);
        } finally {
            SharedSpark.context().clearJobGroup();
        }
        return SharedSpark.context().statusTracker().getJobIdsForGroup(group).length;
    }

    @Test
    void smallSumsOnFewPartitionsTakeOneJobLargeOnesTwo() {
        assertEquals(1, jobsOfAPass(ExecutorAggregator.MERGE_BYTES / 4), "3 x 4 MB: the plain pass");
        assertEquals(2, jobsOfAPass(ExecutorAggregator.MERGE_BYTES / 2), "3 x 8 MB: merged per executor");
    }

    @Test
    void thePlainPassFinishesEachTask() {
        long n = 500;
        long[] sum = WeightsPass.aggregate(SharedSpark.context(), values(n, 7), weights(2), new long[3],
                new PuttingOff(), ExecutorAggregatorTest::merge, 0, "test pass");
        assertArrayEquals(new long[] {2 * n * (n + 1) / 2, n, 0}, sum);
    }

    @Test
    void aPassOverNoPartitionsIsTheZero() {
        long[] sum = new ExecutorAggregator().aggregate(SharedSpark.context(), SharedSpark.context().<Long>emptyRDD(),
                weights(1), new long[3], new PuttingOff(), ExecutorAggregatorTest::merge, MERGED, 0, "test pass");
        assertArrayEquals(new long[3], sum);
    }

    @Test
    void aFailedPassLeavesNothingThatTheNextPassCounts() {
        ExecutorAggregator aggregator = new ExecutorAggregator();
        long before = ExecutorSums.uncollectedPasses();
        SparkException failure = assertThrows(SparkException.class, () -> aggregator.aggregate(SharedSpark.context(),
                values(100, 4), weights(1), new long[3], new FailingOnPartitionTwo(),
                ExecutorAggregatorTest::merge, MERGED, 0, "failing pass"));
        assertTrue(failure.getMessage().contains("partition 2 fails"), failure.getMessage());
        long[] sum = aggregator.aggregate(SharedSpark.context(), values(100, 4), weights(1), new long[3],
                new PuttingOff(), ExecutorAggregatorTest::merge, MERGED, 0, "next pass");
        assertArrayEquals(new long[] {5050, 100, 0}, sum);
        assertEquals(before, ExecutorSums.uncollectedPasses(), "the failed pass's sums were dropped");
    }

    private static ExecutorAggregator.Receipt receipt(int partition, String executor) {
        return new ExecutorAggregator.Receipt(partition, executor, "127.0.0.1");
    }

    private static ExecutorAggregator.Gathered<long[]> held(boolean whole, Object... executorsAndPartitions) {
        int n = executorsAndPartitions.length / 2;
        String[] executors = new String[n];
        int[][] partitions = new int[n][];
        for (int i = 0; i < n; i++) {
            executors[i] = (String) executorsAndPartitions[2 * i];
            partitions[i] = (int[]) executorsAndPartitions[2 * i + 1];
        }
        return new ExecutorAggregator.Gathered<>(new long[1], executors, partitions, whole);
    }

    @Test
    void theDriverAcceptsSumsHoldingExactlyTheAcceptedTasks() {
        List<ExecutorAggregator.Receipt> receipts = List.of(receipt(0, "1"), receipt(2, "1"), receipt(1, "2"));
        assertNull(ExecutorAggregator.problem(receipts, held(true, "2", new int[] {1}, "1", new int[] {2, 0})));
        assertNull(ExecutorAggregator.problem(receipts,
                held(true, "1", new int[] {0}, "2", new int[] {1}, "1", new int[] {2}, "3", new int[0])),
                "an executor's sums may come in parts, an executor without tasks holds nothing");
    }

    @Test
    void theDriverRefusesSumsThatDifferFromTheAcceptedTasks() {
        List<ExecutorAggregator.Receipt> receipts = List.of(receipt(0, "1"), receipt(2, "1"), receipt(1, "2"));
        assertNotNull(ExecutorAggregator.problem(receipts, held(true, "1", new int[] {0, 2}, "2", new int[] {1, 1})),
                "a retried task counted twice on its executor");
        assertNotNull(ExecutorAggregator.problem(receipts,
                held(true, "1", new int[] {0, 2}, "2", new int[] {1}, "3", new int[] {2})),
                "a speculative copy's partition on an executor whose result Spark did not take");
        assertNotNull(ExecutorAggregator.problem(receipts, held(true, "1", new int[] {0, 2})),
                "an executor lost before its sums were collected");
        assertNotNull(ExecutorAggregator.problem(receipts, held(true, "1", new int[] {0, 2, 1})),
                "one collector took the sums of its executor, another found none on the wrong one");
        assertNotNull(ExecutorAggregator.problem(receipts, held(false, "1", new int[] {0, 2}, "2", new int[] {1})),
                "a fold left unfinished");
    }
}
