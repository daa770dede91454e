package io.github.sparkprop.internal.predict;

import io.github.sparkprop.internal.encoding.ValueEncoder;
import io.github.sparkprop.internal.evaluate.ScoreSum;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Scaler;
import io.github.sparkprop.math.SparseColumns;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Predicts the rows of one partition a block at a time (one forward pass per block, GEMM per layer):
 * each output row is the input row's kept columns, then the prediction and, for classifiers, one
 * probability per class. Rows with an invalid feature value or the wrong number of fields are dropped
 * (the validating pass has counted them, and refused them unless --handle-invalid skip).
 */
final class PredictionIterator implements Iterator<Row> {

    private final Iterator<Row> rows;
    private final PredictionSpec spec;
    private final Backprop backprop;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private final List<Row> pending = new ArrayList<>();
    private final double[] x;
    /** The scalar columns' encoders (none for a vector column) and where each column's inputs start. */
    private final ValueEncoder[] encoders;
    private final int[] offsets;
    /** One sample's class probabilities (classifiers). */
    private final double[] probabilities;

    PredictionIterator(Iterator<Row> rows, PredictionSpec spec) {
        this.rows = rows;
        this.spec = spec;
        this.backprop = new Backprop(spec.network());
        this.x = spec.sparse() ? null : new double[spec.network().inputSize() * PredictionSpec.BLOCK];
        this.encoders = spec.encoding() == null ? new ValueEncoder[0] : ValueEncoder.of(spec.encoding(), spec.lenient());
        this.offsets = spec.encoding() == null ? new int[0] : spec.encoding().offsets();
        this.probabilities = new double[Math.max(2, spec.network().outputSize())];
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
            fill();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Reads up to one block of valid rows and predicts them. */
    private void fill() {
        pending.clear();
        int n0 = spec.network().inputSize();
        List<Vector> vectors = new ArrayList<>();
        while (pending.size() < PredictionSpec.BLOCK && rows.hasNext()) {
            Row row = rows.next();
            if (spec.malformedIndex() >= 0 && !row.isNullAt(spec.malformedIndex())) {
                continue; // a CSV row with the wrong number of fields
            }
            if (spec.vectorIndex() >= 0) {
                Vector vector = row.isNullAt(spec.vectorIndex()) ? null : (Vector) row.get(spec.vectorIndex());
                if (vector == null || vector.size() != n0 || !finite(vector)) {
                    continue;
                }
                if (spec.sparse()) {
                    vectors.add(vector);
                } else {
                    System.arraycopy(vector.toArray(), 0, x, pending.size() * n0, n0);
                }
            } else if (!readScalars(row, pending.size() * n0)) {
                continue;
            }
            if (!spec.sparse() && spec.scaler() != null) {
                spec.scaler().apply(x, pending.size() * n0);
            }
            pending.add(row);
        }
        if (pending.isEmpty()) {
            return;
        }
        double[] w = spec.weights().value();
        double[] outputs = spec.sparse() ? backprop.predict(w, sparse(vectors, n0, spec.scaler()))
                : backprop.predict(w, x, pending.size());
        int units = spec.network().outputSize();
        for (int j = 0; j < pending.size(); j++) {
            ready.add(output(pending.get(j), outputs, j * units, units));
        }
    }

    private boolean readScalars(Row row, int offset) {
        int[] indices = spec.featureIndices();
        for (int k = 0; k < indices.length; k++) {
            if (encoders[k].encode(row.get(indices[k]), x, offset + offsets[k]) != null) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(Vector vector) {
        double[] values = vector instanceof SparseVector s ? s.values() : ((DenseVector) vector).values();
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The block's vectors as compressed sparse columns, their non-zeros divided by the scaler's std. */
    private static SparseColumns sparse(List<Vector> vectors, int n0, Scaler scaler) {
        int[] colPtr = new int[vectors.size() + 1];
        for (int j = 0; j < vectors.size(); j++) {
            colPtr[j + 1] = colPtr[j] + vectors.get(j).numActives();
        }
        int[] rowIndices = new int[colPtr[vectors.size()]];
        double[] values = new double[rowIndices.length];
        for (int j = 0; j < vectors.size(); j++) {
            int[] at = {colPtr[j]};
            vectors.get(j).foreachActive((i, v) -> {
                rowIndices[at[0]] = (Integer) i;
                values[at[0]] = scaler == null ? (Double) v : (Double) v / scaler.std()[(Integer) i];
                at[0]++;
                return null;
            });
        }
        return new SparseColumns(n0, colPtr, rowIndices, values);
    }

    /** The kept columns of the input row, the prediction and the class probabilities. */
    private Row output(Row input, double[] yHat, int start, int units) {
        int[] kept = spec.keptIndices();
        List<String> labels = spec.labels();
        int extra = labels == null ? 1 : 1 + labels.size();
        Object[] values = new Object[kept.length + extra];
        for (int k = 0; k < kept.length; k++) {
            values[k] = input.get(kept[k]);
        }
        if (labels == null) {
            values[kept.length] = yHat[start];
        } else {
            String label = labels.get(ScoreSum.predictedClass(yHat, start, units));
            values[kept.length] = spec.integralLabels() ? (Object) Long.parseLong(label)
                    : spec.numericLabels() ? (Object) Double.parseDouble(label) : label;
            spec.network().outputLayer().probabilities(yHat, start, units, probabilities);
            for (int c = 0; c < labels.size(); c++) {
                values[kept.length + 1 + c] = probabilities[c];
            }
        }
        return RowFactory.create(values);
    }
}
