package io.github.sparkprop.internal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The slots of an executor's sums, driven by hand as tasks would drive them. */
class ExecutorSumsTest {

    /** A sum of longs in a one-element array, merged in place. */
    private static final BinaryOperator<long[]> ADD = (a, b) -> {
        a[0] += b[0];
        return a;
    };

    private static long run = 1_000;

    private static ExecutorSums.PassKey newPass() {
        return new ExecutorSums.PassKey(++run, 1);
    }

    /** One task's fold: acquire a slot, add the value, give it back with its partition. */
    private static ExecutorSums.Slot<long[]> task(ExecutorSums.PassKey key, int partition, long value) {
        ExecutorSums.Slot<long[]> slot = ExecutorSums.acquire(key, new long[1]);
        long[] sum = slot.sum();
        sum[0] += value;
        slot.release(sum, partition, true);
        return slot;
    }

    @Test
    void tasksRunOneAfterAnotherShareOneSum() {
        ExecutorSums.PassKey key = newPass();
        ExecutorSums.Slot<long[]> first = task(key, 0, 5);
        ExecutorSums.Slot<long[]> second = task(key, 3, 7);
        ExecutorSums.Slot<long[]> third = task(key, 1, 11);
        assertSame(first, second);
        assertSame(first, third);
        ExecutorSums.Holding<long[]> held = ExecutorSums.collect(key, UnaryOperator.identity(), ADD);
        assertTrue(held.whole());
        assertEquals(23, held.sum()[0]);
        int[] partitions = held.partitions().clone();
        Arrays.sort(partitions);
        assertArrayEquals(new int[] {0, 1, 3}, partitions);
    }

    @Test
    void tasksRunningAtOnceGetSlotsOfTheirOwnMergedAtCollection() {
        ExecutorSums.PassKey key = newPass();
        ExecutorSums.Slot<long[]> a = ExecutorSums.acquire(key, new long[1]);
        ExecutorSums.Slot<long[]> b = ExecutorSums.acquire(key, new long[1]);
        assertNotSame(a, b);
        a.sum()[0] += 2;
        b.sum()[0] += 40;
        a.release(a.sum(), 0, true);
        b.release(b.sum(), 1, true);
        AtomicInteger finished = new AtomicInteger();
        ExecutorSums.Holding<long[]> held = ExecutorSums.collect(key, sum -> {
            finished.incrementAndGet();
            return sum;
        }, ADD);
        assertEquals(42, held.sum()[0]);
        assertEquals(1, finished.get(), "the merged sum is finished once");
    }

    @Test
    void aFoldThatDidNotCompleteSpoilsThePass() {
        ExecutorSums.PassKey key = newPass();
        task(key, 0, 5);
        ExecutorSums.Slot<long[]> failing = ExecutorSums.acquire(key, new long[1]);
        failing.sum()[0] += 3; // part of partition 1, then the task fails
        failing.release(failing.sum(), 1, false);
        task(key, 1, 9); // the retry
        ExecutorSums.Holding<long[]> held = ExecutorSums.collect(key, UnaryOperator.identity(), ADD);
        assertFalse(held.whole());
        assertNull(held.sum());
    }

    @Test
    void aTaskStillFoldingAtCollectionMakesThePassNotWhole() {
        ExecutorSums.PassKey key = newPass();
        task(key, 0, 5);
        ExecutorSums.Slot<long[]> speculative = ExecutorSums.acquire(key, new long[1]);
        ExecutorSums.Holding<long[]> held = ExecutorSums.collect(key, UnaryOperator.identity(), ADD);
        assertFalse(held.whole());
        speculative.release(speculative.sum(), 0, true);
    }

    @Test
    void aPartitionAddedTwiceIsListedTwice() {
        ExecutorSums.PassKey key = newPass();
        task(key, 4, 1);
        task(key, 4, 1);
        ExecutorSums.Holding<long[]> held = ExecutorSums.collect(key, UnaryOperator.identity(), ADD);
        assertArrayEquals(new int[] {4, 4}, held.partitions());
    }

    @Test
    void aLateTaskAfterCollectionFoldsIntoASumNobodyReads() {
        ExecutorSums.PassKey key = newPass();
        task(key, 0, 5);
        assertEquals(5, ExecutorSums.collect(key, UnaryOperator.identity(), ADD).sum()[0]);
        task(key, 0, 5);
        ExecutorSums.Holding<long[]> again = ExecutorSums.collect(key, UnaryOperator.identity(), ADD);
        assertNull(again.sum());
        assertEquals(0, again.partitions().length);
    }

    @Test
    void aNewPassOfARunDropsItsUncollectedPasses() {
        ExecutorSums.PassKey first = newPass();
        ExecutorSums.PassKey other = newPass();
        task(first, 0, 5);
        task(other, 0, 6);
        long held = ExecutorSums.uncollectedPasses();
        ExecutorSums.PassKey second = new ExecutorSums.PassKey(first.run(), first.pass() + 1);
        task(second, 0, 7);
        assertEquals(held, ExecutorSums.uncollectedPasses(), "the first pass went, the second came");
        assertNull(ExecutorSums.collect(first, UnaryOperator.identity(), ADD).sum());
        assertEquals(6, ExecutorSums.collect(other, UnaryOperator.identity(), ADD).sum()[0], "another run's stays");
        assertEquals(7, ExecutorSums.collect(second, UnaryOperator.identity(), ADD).sum()[0]);
    }
}
