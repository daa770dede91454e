package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.data.source.RowIds;
import io.github.sparkprop.math.Scaler;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Turns the rows of one input partition into {@link Sample}s: each valid row parsed, standardised (its features,
 * and a regression target when asked), weighted
 * (instance weight times class weight) and given its stable id; invalid rows passed over (the validating pass has counted them and failed the run unless
 * they may be skipped), but counted in the ids so that ids do not depend on which rows are valid.
 */
final class SampleReader implements Iterator<Sample> {

    private final Iterator<InternalRow> rows;
    private final RowParser parser;
    private final Scaler scaler;
    private final Scaler target;
    private final RowIds.Counter ids;
    private final double[] classWeights;
    private final double[] label = new double[1];
    private final double[] weight = new double[1];
    private final SparseRow nonZeros = new SparseRow();
    private Sample next;

    /**
     * @param target       the standardisation of a regression target, or null
     * @param classWeights the weight of each class, or null for 1
     * @param ids          the ids of the partition's rows
     */
    SampleReader(Iterator<InternalRow> rows, RowParser parser, Scaler scaler, Scaler target, double[] classWeights,
            RowIds.Counter ids) {
        this.rows = rows;
        this.parser = parser;
        this.scaler = scaler;
        this.target = target;
        this.ids = ids;
        this.classWeights = classWeights;
    }

    @Override
    public boolean hasNext() {
        while (next == null && rows.hasNext()) {
            InternalRow row = rows.next();
            long id = ids.nextId();
            weight[0] = 1.0;
            next = parser.isSparse() ? sparse(row, id) : dense(row, id);
        }
        return next != null;
    }

    private Sample dense(InternalRow row, long id) {
        double[] x = new double[parser.featureCount()];
        if (parser.parse(row, x, 0, label, weight, 0) != null) {
            return null;
        }
        if (scaler != null) {
            scaler.apply(x, 0);
        }
        return Sample.dense(id, x, targetOf(), weightOf());
    }

    private Sample sparse(InternalRow row, long id) {
        if (parser.parseSparse(row, nonZeros, label, weight, 0) != null) {
            return null;
        }
        int[] indices = java.util.Arrays.copyOf(nonZeros.indices, nonZeros.count);
        double[] values = java.util.Arrays.copyOf(nonZeros.values, nonZeros.count);
        if (scaler != null) {
            scaler.applySparse(indices, values);
        }
        return Sample.sparse(id, indices, values, targetOf(), weightOf());
    }

    /** The label, or the standardised target. */
    private double targetOf() {
        if (target != null) {
            target.apply(label, 0);
        }
        return label[0];
    }

    /** The instance weight times the class weight. */
    private double weightOf() {
        return classWeights == null ? weight[0] : weight[0] * classWeights[(int) label[0]];
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
