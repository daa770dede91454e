package io.github.sparkprop.internal.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The partial sums of passes, kept in this JVM (an executor, or the driver in local mode) from the tasks that
 * make them to the task that collects them. A pass's sums live in slots: a task takes a free slot, folds its
 * partition into the slot's sum and gives it back, so the tasks of a pass on one executor share as many sums
 * as ran at once (its cores), however many partitions it processes. A slot remembers which partitions it
 * holds, each once per completed attempt; a task that ends without completing its fold spoils its slot
 * (the sum holds part of a partition), and the collector reports such a pass, or one with a task still
 * folding, as not whole.
 *
 * <p>What is kept is bounded: a collected pass keeps no sums (a late task, a speculative copy still running,
 * folds into a slot nothing reads); a pass arriving on an executor drops the older passes of its run (an
 * uncollected one had its collector run elsewhere), and the passes of any run untouched for an hour (a run
 * that failed). So an executor keeps at most one pass with sums per live run.
 */
final class ExecutorSums<A> {

    /** Identifies a pass: its run (random per run) and its number within the run. */
    record PassKey(long run, long pass) implements java.io.Serializable {
    }

    /** Passes untouched this long are dropped when another pass arrives. */
    static final long IDLE_NANOS = TimeUnit.HOURS.toNanos(1);

    private static final Map<PassKey, ExecutorSums<?>> PASSES = new ConcurrentHashMap<>();

    private final List<Slot<A>> slots = new ArrayList<>();
    private boolean collected;
    private volatile long touched = System.nanoTime();

    /** One running sum, used by one task at a time. */
    static final class Slot<A> {
        private final ExecutorSums<A> owner;
        private A sum;
        private final List<Integer> partitions = new ArrayList<>();
        private boolean busy = true;
        private boolean spoiled;

        private Slot(ExecutorSums<A> owner, A zero) {
            this.owner = owner;
            this.sum = zero;
        }

        /** The running sum to fold into. */
        A sum() {
            return sum;
        }

        /**
         * Gives the slot back after its task folded into it: with the partition when the fold completed (the
         * slot's sum is now {@code sum}, the fold's result, holding all of the partition), else spoiled.
         */
        void release(A sum, int partition, boolean completed) {
            synchronized (owner) {
                if (completed) {
                    this.sum = sum;
                    partitions.add(partition);
                } else {
                    spoiled = true;
                }
                busy = false;
                owner.touched = System.nanoTime();
            }
        }
    }

    /** What one JVM held of a pass: the merged sum (null if none), its partitions, and whether it is whole. */
    record Holding<A>(A sum, int[] partitions, boolean whole) {
    }

    /**
     * A slot of the pass for a task of this JVM: a free one, or a new one starting at {@code zero} (the task's
     * own copy of the zero, so a new slot shares it with nothing).
     */
    static <A> Slot<A> acquire(PassKey key, A zero) {
        @SuppressWarnings("unchecked")
        ExecutorSums<A> sums = (ExecutorSums<A>) PASSES.computeIfAbsent(key, k -> {
            dropStalePasses(k);
            return new ExecutorSums<>();
        });
        return sums.take(zero);
    }

    /**
     * The pass's sums in this JVM merged and then finished, with their partitions, leaving none behind; an empty
     * holding when the pass has no sums here (never ran here, or collected already).
     */
    @SuppressWarnings("unchecked")
    static <A> Holding<A> collect(PassKey key, UnaryOperator<A> finish, BinaryOperator<A> merge) {
        ExecutorSums<A> sums = (ExecutorSums<A>) PASSES.get(key);
        return sums == null ? new Holding<>(null, new int[0], true) : sums.close(finish, merge);
    }

    /** The number of passes held in this JVM whose sums were not collected (for tests). */
    static long uncollectedPasses() {
        return PASSES.values().stream().filter(sums -> !sums.isCollected()).count();
    }

    private static void dropStalePasses(PassKey key) {
        long now = System.nanoTime();
        PASSES.entrySet().removeIf(held -> held.getKey().run() == key.run() && held.getKey().pass() < key.pass()
                || now - held.getValue().touched > IDLE_NANOS);
    }

    private synchronized boolean isCollected() {
        return collected;
    }

    private synchronized Slot<A> take(A zero) {
        touched = System.nanoTime();
        if (collected) {
            return new Slot<>(this, zero);
        }
        for (Slot<A> slot : slots) {
            if (!slot.busy) {
                slot.busy = true;
                return slot;
            }
        }
        Slot<A> slot = new Slot<>(this, zero);
        slots.add(slot);
        return slot;
    }

    private synchronized Holding<A> close(UnaryOperator<A> finish, BinaryOperator<A> merge) {
        collected = true;
        touched = System.nanoTime();
        boolean whole = slots.stream().noneMatch(slot -> slot.busy || slot.spoiled);
        A total = null;
        List<Integer> partitions = new ArrayList<>();
        for (Slot<A> slot : slots) {
            partitions.addAll(slot.partitions);
            if (whole && !slot.partitions.isEmpty()) {
                total = total == null ? slot.sum : merge.apply(total, slot.sum);
            }
        }
        slots.clear();
        return new Holding<>(total == null ? null : finish.apply(total),
                partitions.stream().mapToInt(Integer::intValue).toArray(), whole);
    }
}
