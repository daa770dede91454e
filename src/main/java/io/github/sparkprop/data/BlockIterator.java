package io.github.sparkprop.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Stacks the samples of one partition into {@link SampleBlock}s of up to B samples, the held-out
 * (validation) samples into blocks of their own.
 */
final class BlockIterator implements Iterator<SampleBlock> {

    private final Iterator<Sample> samples;
    private final HoldOut holdOut;
    private final Builder training;
    private final Builder validation;
    private final ArrayDeque<SampleBlock> ready = new ArrayDeque<>();

    /** @param weighted whether the samples carry weights (else every weight is 1 and none is stored) */
    BlockIterator(Iterator<Sample> samples, int featureCount, int blockSize, HoldOut holdOut, boolean weighted) {
        this.samples = samples;
        this.holdOut = holdOut;
        this.training = new Builder(featureCount, blockSize, false, weighted);
        this.validation = new Builder(featureCount, blockSize, true, weighted);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && samples.hasNext()) {
            Sample sample = samples.next();
            Builder builder = holdOut.contains(sample.id) ? validation : training;
            builder.add(sample);
            if (builder.isFull()) {
                ready.add(builder.build());
            }
        }
        if (ready.isEmpty() && !samples.hasNext()) {
            for (Builder builder : new Builder[] {training, validation}) {
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
        private final boolean validation;
        private final boolean weighted;
        private double[] x;
        private double[] y;
        private long[] ids;
        private double[] weights;
        private int size;

        Builder(int n0, int capacity, boolean validation, boolean weighted) {
            this.n0 = n0;
            this.capacity = capacity;
            this.validation = validation;
            this.weighted = weighted;
        }

        void add(Sample sample) {
            if (x == null) {
                x = new double[n0 * capacity];
                y = new double[capacity];
                ids = new long[capacity];
                weights = weighted ? new double[capacity] : null;
            }
            System.arraycopy(sample.x, 0, x, size * n0, n0);
            y[size] = sample.y;
            ids[size] = sample.id;
            if (weighted) {
                weights[size] = sample.weight;
            }
            size++;
        }

        boolean isFull() {
            return size == capacity;
        }

        boolean isEmpty() {
            return size == 0;
        }

        SampleBlock build() {
            SampleBlock block = size == capacity ? new SampleBlock(x, y, ids, weights, validation)
                    : new SampleBlock(Arrays.copyOf(x, size * n0), Arrays.copyOf(y, size), Arrays.copyOf(ids, size),
                            weights == null ? null : Arrays.copyOf(weights, size), validation);
            x = null;
            y = null;
            ids = null;
            weights = null;
            size = 0;
            return block;
        }
    }
}
