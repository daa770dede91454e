package io.github.sparkprop.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Stacks the valid rows of one partition into {@link SampleBlock}s of up to B samples, standardising the
 * features on the way. Invalid rows are passed over (the validating pass has already counted them, and
 * failed the run unless they may be skipped).
 */
final class BlockIterator implements Iterator<SampleBlock> {

    private final Iterator<InternalRow> rows;
    private final RowParser parser;
    private final Scaler scaler;
    private final int blockSize;
    private final int n0;
    private SampleBlock next;

    BlockIterator(Iterator<InternalRow> rows, RowParser parser, Scaler scaler, int blockSize) {
        this.rows = rows;
        this.parser = parser;
        this.scaler = scaler;
        this.blockSize = blockSize;
        this.n0 = parser.featureCount();
    }

    @Override
    public boolean hasNext() {
        if (next == null && rows.hasNext()) {
            next = fill();
        }
        return next != null;
    }

    @Override
    public SampleBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SampleBlock block = next;
        next = null;
        return block;
    }

    /** The next block, or null when the partition has no valid row left. */
    private SampleBlock fill() {
        double[] x = new double[n0 * blockSize];
        double[] y = new double[blockSize];
        int size = 0;
        while (size < blockSize && rows.hasNext()) {
            if (parser.parse(rows.next(), x, size * n0, y, size) == null) {
                if (scaler != null) {
                    scaler.apply(x, size * n0);
                }
                size++;
            }
        }
        if (size == 0) {
            return null;
        }
        if (size < blockSize) {
            x = Arrays.copyOf(x, size * n0);
            y = Arrays.copyOf(y, size);
        }
        return new SampleBlock(x, y, size);
    }
}
