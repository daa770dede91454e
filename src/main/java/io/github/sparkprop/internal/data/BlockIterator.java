package io.github.sparkprop.internal.data;

import io.github.sparkprop.math.SparseColumns;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Stacks the samples of one partition into {@link SampleBlock}s of up to B samples, the held-out
 * (validation, test) samples into blocks of their own.
 */
final class BlockIterator implements Iterator<SampleBlock> {

    private final Iterator<Sample> samples;
    private final HoldOut holdOut;
    private final Builder[] builders = new Builder[HoldOut.Role.values().length];
    private final ArrayDeque<SampleBlock> ready = new ArrayDeque<>();

    /**
     * @param weighted whether the samples carry weights (else every weight is 1 and none is stored)
     * @param sparse   whether the samples are sparse (their blocks then keep only the non-zeros)
     * @param rowIds   whether the blocks keep the samples' row ids
     */
    BlockIterator(Iterator<Sample> samples, int featureCount, int blockSize, HoldOut holdOut, boolean weighted,
            boolean sparse, boolean rowIds) {
        this.samples = samples;
        this.holdOut = holdOut;
        for (HoldOut.Role role : HoldOut.Role.values()) {
            builders[role.ordinal()] = new Builder(featureCount, blockSize, role, weighted, sparse, rowIds);
        }
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && samples.hasNext()) {
            Sample sample = samples.next();
            Builder builder = builders[holdOut.role(sample.id).ordinal()];
            builder.add(sample);
            if (builder.isFull()) {
                ready.add(builder.build());
            }
        }
        if (ready.isEmpty() && !samples.hasNext()) {
            for (Builder builder : builders) {
                if (!builder.isEmpty()) {
                    ready.add(builder.build());
                }
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public SampleBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Fills one block's arrays; after {@link #build()} starts a new block. */
    private static final class Builder {
        private final int n0;
        private final int capacity;
        private final HoldOut.Role role;
        private final boolean weighted;
        private final boolean sparse;
        private final boolean rowIds;
        private double[] x;
        private int[] colPtr;
        private int[] rowIndices;
        private double[] values;
        private double[] y;
        private long[] ids;
        private double[] weights;
        private int size;

        Builder(int n0, int capacity, HoldOut.Role role, boolean weighted, boolean sparse, boolean rowIds) {
            this.n0 = n0;
            this.capacity = capacity;
            this.role = role;
            this.weighted = weighted;
            this.sparse = sparse;
            this.rowIds = rowIds;
        }

        void add(Sample sample) {
            if (y == null) {
                y = new double[capacity];
                ids = rowIds ? new long[capacity] : null;
                weights = weighted ? new double[capacity] : null;
                if (sparse) {
                    colPtr = new int[capacity + 1];
                    rowIndices = new int[Math.max(16, capacity)];
                    values = new double[rowIndices.length];
                } else {
                    x = new double[n0 * capacity];
                }
            }
            if (sparse) {
                addNonZeros(sample);
            } else {
                System.arraycopy(sample.x, 0, x, size * n0, n0);
            }
            y[size] = sample.y;
            if (rowIds) {
                ids[size] = sample.id;
            }
            if (weighted) {
                weights[size] = sample.weight;
            }
            size++;
        }

        private void addNonZeros(Sample sample) {
            int start = colPtr[size];
            int end = start + sample.indices.length;
            if (end > rowIndices.length) {
                int grown = Math.max(end, 2 * rowIndices.length);
                rowIndices = Arrays.copyOf(rowIndices, grown);
                values = Arrays.copyOf(values, grown);
            }
            System.arraycopy(sample.indices, 0, rowIndices, start, sample.indices.length);
            System.arraycopy(sample.values, 0, values, start, sample.values.length);
            colPtr[size + 1] = end;
        }

        boolean isFull() {
            return size == capacity;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** The block of the samples added so far, its arrays trimmed to their content. */
        SampleBlock build() {
            boolean full = size == capacity;
            double[] dense = sparse || full ? x : Arrays.copyOf(x, size * n0);
            SparseColumns nonZeros = !sparse ? null : new SparseColumns(n0, full ? colPtr : Arrays.copyOf(colPtr,
                    size + 1), Arrays.copyOf(rowIndices, colPtr[size]), Arrays.copyOf(values, colPtr[size]));
            SampleBlock block = new SampleBlock(dense, nonZeros, full ? y : Arrays.copyOf(y, size),
                    ids == null || full ? ids : Arrays.copyOf(ids, size),
                    weights == null || full ? weights : Arrays.copyOf(weights, size), role);
            x = null;
            y = null;
            ids = null;
            weights = null;
            colPtr = null;
            rowIndices = null;
            values = null;
            size = 0;
            return block;
        }
    }
}
