package io.github.sparkprop.internal.data;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.ClassLabels;
import io.github.sparkprop.internal.Numbers;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.ValueEncoder;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns one row of a {@link Table} (Spark's internal row, read without conversion to a {@code Row}) into
 * numbers: the features into a block's column, the label into a class index (classification) or a value
 * (regression), and the instance weight; or tells what is wrong with the row. A value is valid when it is
 * a finite number (a weight also non-negative); a missing, non-numeric, NaN or infinite value is not, nor is
 * a vector of the wrong size.
 */
final class RowParser implements Serializable {

    private static final VectorUDT VECTORS = new VectorUDT();

    private final FeatureColumns features;
    private final int[] featureIndices;
    private final FieldReader[] featureReaders;
    private final ValueEncoder[] featureEncoders;
    /** Where each scalar column's inputs start. */
    private final int[] featureOffsets;
    /** Whether a scalar column is a number read as such (the fast path: no Java value made). */
    private final boolean[] readAsNumber;
    private final int vectorIndex;
    private final String labelName;
    private final int labelIndex;
    private final FieldReader labelReader;
    private final String weightName;
    private final int weightIndex;
    private final FieldReader weightReader;
    private final int malformedIndex;
    private final int expectedFields;
    private final Task task;
    private final LabelEncoder encoder;

    /**
     * @param table    the rows' table
     * @param features the feature columns
     * @param label    the label column, or null when the rows have none (prediction)
     * @param weight   the instance-weight column, or null for weight 1
     * @param task     classification or regression
     * @param encoder  the classes (classification), or null while they are still being found
     * @param lenient  fill missing values in and score unseen categories as none ({@link HandleInvalid#lenient})
     */
    public RowParser(Table table, FeatureColumns features, String label, String weight, Task task,
            LabelEncoder encoder, boolean lenient) {
        this.features = features;
        this.featureIndices = features.names().stream().mapToInt(table.columns()::indexOf).toArray();
        this.featureReaders = features.names().stream()
                .map(name -> FieldReader.ofValues(table.schema().apply(name).dataType())).toArray(FieldReader[]::new);
        this.featureEncoders = features.isVector() ? new ValueEncoder[0] : ValueEncoder.of(features.encoding(), lenient);
        this.featureOffsets = features.isVector() ? new int[0] : features.encoding().offsets();
        this.readAsNumber = new boolean[featureReaders.length];
        for (int k = 0; k < featureReaders.length; k++) {
            readAsNumber[k] = featureReaders[k] != null && featureEncoders[k].column().kind() == ColumnKind.NUMERIC
                    && (featureReaders[k].isNumeric() || featureReaders[k].isText());
        }
        this.vectorIndex = features.isVector() ? table.columns().indexOf(features.vectorColumn()) : -1;
        this.labelName = label;
        this.labelIndex = label == null ? -1 : table.columns().indexOf(label);
        this.labelReader = labelIndex < 0 ? null : labelReader(table.schema().fields()[labelIndex].dataType());
        this.weightName = weight;
        this.weightIndex = weight == null ? -1 : table.columns().indexOf(weight);
        this.weightReader = weightIndex < 0 ? null : FieldReader.of(table.schema().fields()[weightIndex].dataType());
        this.malformedIndex = table.malformedIndex();
        this.expectedFields = table.columns().size();
        this.task = task;
        this.encoder = encoder;
        if (label != null && (labelIndex < 0 || labelReader == null)) {
            throw new IllegalArgumentException("label column " + label + " is missing or not numeric or text");
        }
        for (int k = 0; k < featureReaders.length; k++) {
            if (featureReaders[k] == null) {
                throw new IllegalArgumentException("feature column " + features.names().get(k) + " is not a number, "
                        + "text, boolean, date or timestamp");
            }
        }
    }

    public int featureCount() {
        return features.count();
    }

    /** The number of scalar columns (0 for a vector column). */
    int columnCount() {
        return featureIndices.length;
    }

    /**
     * Adds 1 to filled[c] for each scalar column c whose value in this (valid) row is missing and was filled in,
     * and to unseen[c] for each categorical column whose value is none of its categories.
     */
    void countFilled(InternalRow row, long[] filled, long[] unseen) {
        for (int k = 0; k < featureIndices.length; k++) {
            ValueEncoder encoder = featureEncoders[k];
            if (encoder.column().kind() == ColumnKind.CATEGORICAL) {
                Object value = featureReaders[k].value(row, featureIndices[k]);
                if (ValueEncoder.isMissing(value)) {
                    filled[k]++;
                } else if (encoder.isUnseen(value)) {
                    unseen[k]++;
                }
            } else if (encoder.column().imputed() && missing(row, k)) {
                filled[k]++;
            }
        }
    }

    private boolean missing(InternalRow row, int k) {
        int i = featureIndices[k];
        if (row.isNullAt(i)) {
            return true;
        }
        FieldReader reader = featureReaders[k];
        if (!reader.isText()) {
            return reader.isNumeric() && Double.isNaN(reader.read(row, i));
        }
        // a first byte that is a digit, a sign or a point says it is a number, without making a String
        UTF8String text = row.getUTF8String(i);
        byte first = text.numBytes() == 0 ? 0 : text.getByte(0);
        return text.numBytes() == 0 || !(first >= '0' && first <= '9' || first == '-' || first == '.')
                && Numbers.isMissing(text.toString());
    }

    /** Whether some column counts filled-in or unseen values (see {@link #countFilled}). */
    boolean counts() {
        return Arrays.stream(featureEncoders).anyMatch(encoder -> encoder.column().imputed()
                || encoder.column().kind() == ColumnKind.CATEGORICAL);
    }

    /** Whether samples are read as their non-zeros ({@link #parseSparse}) rather than dense. */
    boolean isSparse() {
        return features.sparse();
    }

    /**
     * Writes the row's features to x[offset..offset+n_0), its label to y[j] and its weight to weights[j]
     * (when weights is not null).
     *
     * @return null for a valid row, else the first problem found
     */
    public RowProblem parse(InternalRow row, double[] x, int offset, double[] y, double[] weights, int j) {
        if (malformedIndex >= 0 && !row.isNullAt(malformedIndex)) {
            String record = row.getUTF8String(malformedIndex).toString();
            boolean openQuote = record.chars().filter(c -> c == '"').count() % 2 == 1;
            return new RowProblem(null, null, "row does not have the " + expectedFields + " fields of the header"
                    + (openQuote ? " (it opens a quoted field that goes on past the end of the line: rows are read "
                            + "one line each, so a field may not hold a line break)" : ""));
        }
        RowProblem problem = features.isVector() ? parseVector(row, x, offset) : parseScalars(row, x, offset);
        return problem != null ? problem : parseTarget(row, y, weights, j);
    }

    /**
     * The sparse form of {@link #parse}: writes the row's non-zero features (of its vector column) into
     * {@code nonZeros}, its label to y[j] and its weight to weights[j] (when weights is not null).
     *
     * @return null for a valid row, else the first problem found
     */
    RowProblem parseSparse(InternalRow row, SparseRow nonZeros, double[] y, double[] weights, int j) {
        nonZeros.clear();
        Vector vector = vector(row);
        RowProblem problem = checkSize(vector);
        if (problem != null) {
            return problem;
        }
        if (vector instanceof SparseVector sparse) {
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                if (values[k] != 0.0) {
                    nonZeros.add(indices[k], values[k]);
                }
            }
        } else {
            double[] values = ((DenseVector) vector).values();
            for (int k = 0; k < values.length; k++) {
                if (values[k] != 0.0) {
                    nonZeros.add(k, values[k]);
                }
            }
        }
        for (int k = 0; k < nonZeros.count; k++) {
            if (!Double.isFinite(nonZeros.values[k])) {
                return nonFinite(nonZeros.indices[k], nonZeros.values[k]);
            }
        }
        return parseTarget(row, y, weights, j);
    }

    /** The label and the weight of a row whose features are valid. */
    private RowProblem parseTarget(InternalRow row, double[] y, double[] weights, int j) {
        RowProblem problem = labelName == null ? null : parseLabel(row, y, j);
        if (problem != null) {
            return problem;
        }
        if (weightReader != null) {
            double weight = weightReader.read(row, weightIndex);
            if (!(weight >= 0)) {
                String raw = weightReader.text(row, weightIndex);
                return Double.isNaN(weight) ? problem(weightName, raw)
                        : new RowProblem(weightName, raw, "is negative; weights must be >= 0");
            }
            if (weights != null) {
                weights[j] = weight;
            }
        }
        return null;
    }

    private RowProblem parseScalars(InternalRow row, double[] x, int offset) {
        for (int k = 0; k < featureIndices.length; k++) {
            int i = featureIndices[k];
            FieldReader reader = featureReaders[k];
            int at = offset + featureOffsets[k];
            String reason;
            if (readAsNumber[k]) {
                double value = reader.read(row, i);
                if (!Double.isNaN(value)) {
                    x[at] = value;
                    continue;
                }
                String raw = reader.text(row, i);
                reason = Numbers.isMissing(raw) ? featureEncoders[k].encodeMissing(x, at)
                        : ValueEncoder.numberProblem(raw);
            } else {
                reason = featureEncoders[k].encode(reader.value(row, i), x, at);
            }
            if (reason != null) {
                return new RowProblem(features.names().get(k), reader.text(row, i), reason);
            }
        }
        return null;
    }

    private RowProblem parseVector(InternalRow row, double[] x, int offset) {
        Vector vector = vector(row);
        RowProblem problem = checkSize(vector);
        if (problem != null) {
            return problem;
        }
        if (vector instanceof DenseVector dense) {
            System.arraycopy(dense.values(), 0, x, offset, dense.size());
        } else {
            SparseVector sparse = (SparseVector) vector;
            java.util.Arrays.fill(x, offset, offset + sparse.size(), 0.0);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                x[offset + indices[k]] = values[k];
            }
        }
        for (int k = 0; k < features.vectorSize(); k++) {
            if (!Double.isFinite(x[offset + k])) {
                return nonFinite(k, x[offset + k]);
            }
        }
        return null;
    }

    /** The row's vector, or null when it is missing. */
    private Vector vector(InternalRow row) {
        return row.isNullAt(vectorIndex) ? null : VECTORS.deserialize(row.getStruct(vectorIndex, 4));
    }

    private RowProblem checkSize(Vector vector) {
        if (vector == null) {
            return new RowProblem(features.vectorColumn(), null, "is missing");
        }
        if (vector.size() != features.vectorSize()) {
            return new RowProblem(features.vectorColumn(), null, "is a vector of size " + vector.size()
                    + "; the features are vectors of size " + features.vectorSize());
        }
        return null;
    }

    private RowProblem nonFinite(int index, double value) {
        return new RowProblem(features.vectorColumn() + "[" + index + "]", Double.toString(value),
                "is not finite; values must be finite numbers");
    }

    private RowProblem parseLabel(InternalRow row, double[] y, int j) {
        String rawLabel = labelReader.text(row, labelIndex);
        if (Numbers.isMissing(rawLabel)) {
            return new RowProblem(labelName, null, "label is missing");
        }
        if (task == Task.REGRESSION) {
            double value = labelReader.read(row, labelIndex);
            if (Double.isNaN(value)) {
                return new RowProblem(labelName, rawLabel, problem(labelName, rawLabel).reason()
                        + " (a regression label must be a finite number)");
            }
            y[j] = value;
        } else if (Numbers.isNonFinite(rawLabel)) {
            return new RowProblem(labelName, rawLabel, "is not a class label; labels must be finite numbers or names");
        } else if (encoder != null) {
            int index = encoder.indexOf(ClassLabels.key(rawLabel));
            if (index < 0) {
                return new RowProblem(labelName, rawLabel, "is not one of the model's labels "
                        + String.join(", ", encoder.labels()));
            }
            y[j] = index;
        }
        return null;
    }

    /** A label is read as a number or text; a boolean one as the two classes false and true. */
    private static FieldReader labelReader(DataType type) {
        return type instanceof BooleanType ? FieldReader.ofValues(type) : FieldReader.of(type);
    }

    /** The row's label in canonical form (see {@link ClassLabels#key}); call only for a valid row. */
    public String labelKey(InternalRow row) {
        return ClassLabels.key(labelReader.text(row, labelIndex));
    }

    /** Why a value that is not a finite number was refused. */
    private static RowProblem problem(String column, String raw) {
        return raw == null ? new RowProblem(column, null, "is missing")
                : new RowProblem(column, raw, ValueEncoder.numberProblem(raw));
    }
}
