package io.github.sparkprop.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Turns the rows of one input partition into {@link Sample}s: each valid row parsed, standardised, weighted
 * (instance weight times class weight) and given its stable id; invalid rows passed over (the validating pass has counted them and failed the run unless
 * they may be skipped), but counted in the ids so that ids do not depend on which rows are valid.
 */
final class SampleReader implements Iterator<Sample> {

    private final Iterator<InternalRow> rows;
    private final RowParser parser;
    private final Scaler scaler;
    private final RowIds.Counter ids;
    private final double[] classWeights;
    private final double[] label = new double[1];
    private final double[] weight = new double[1];
    private Sample next;

    /** @param classWeights the weight of each class, or null for 1 */
    SampleReader(Iterator<InternalRow> rows, RowParser parser, Scaler scaler, double[] classWeights, RowIds ids,
            int fileIndex, int splitIndex) {
        this.rows = rows;
        this.parser = parser;
        this.scaler = scaler;
        this.ids = ids.counter(fileIndex, splitIndex);
        this.classWeights = classWeights;
    }

    @Override
    public boolean hasNext() {
        while (next == null && rows.hasNext()) {
            InternalRow row = rows.next();
            long id = ids.idOf(row);
            double[] x = new double[parser.featureCount()];
            weight[0] = 1.0;
            if (parser.parse(row, x, 0, label, weight, 0) == null) {
                if (scaler != null) {
                    scaler.apply(x, 0);
                }
                double w = classWeights == null ? weight[0] : weight[0] * classWeights[(int) label[0]];
                next = new Sample(id, x, label[0], w);
            }
        }
        return next != null;
    }

    @Override
    public Sample next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Sample sample = next;
        next = null;
        return sample;
    }
}
