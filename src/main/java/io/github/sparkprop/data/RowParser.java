package io.github.sparkprop.data;

import io.github.sparkprop.Task;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Turns one row of a {@link Table} (Spark's internal row, read without conversion to a {@code Row}) into numbers: the feature values into a block's column and the label
 * into a class index (classification) or a value (regression), or tells what is wrong with the row.
 * A value is valid when it is a finite number; a missing, non-numeric, NaN or infinite value is not.
 */
public final class RowParser implements Serializable {

    private final String[] featureNames;
    private final int[] featureIndices;
    private final String labelName;
    private final int labelIndex;
    private final int malformedIndex;
    private final int expectedFields;
    private final Task task;
    private final LabelEncoder encoder;

    /**
     * @param table    the rows' table
     * @param features the feature columns, in model order
     * @param label    the label column
     * @param task     classification or regression
     * @param encoder  the classes (classification), or null while they are still being found
     */
    public RowParser(Table table, List<String> features, String label, Task task, LabelEncoder encoder) {
        this.featureNames = features.toArray(new String[0]);
        this.featureIndices = features.stream().mapToInt(table.columns()::indexOf).toArray();
        this.labelName = label;
        this.labelIndex = table.columns().indexOf(label);
        this.malformedIndex = table.malformedIndex();
        this.expectedFields = table.columns().size();
        this.task = task;
        this.encoder = encoder;
        if (labelIndex < 0) {
            throw new IllegalArgumentException("no column " + label);
        }
    }

    public int featureCount() {
        return featureNames.length;
    }

    /**
     * Writes the row's features to x[offset..offset+n_0) and its label to y[j].
     *
     * @return null for a valid row, else the first problem found
     */
    public RowProblem parse(InternalRow row, double[] x, int offset, double[] y, int j) {
        if (!row.isNullAt(malformedIndex)) {
            return new RowProblem(null, null, "row does not have the " + expectedFields + " fields of the header");
        }
        for (int k = 0; k < featureIndices.length; k++) {
            String raw = text(row, featureIndices[k]);
            double value = Numbers.finiteOrNaN(raw);
            if (Double.isNaN(value)) {
                return problem(featureNames[k], raw);
            }
            x[offset + k] = value;
        }
        String rawLabel = text(row, labelIndex);
        if (rawLabel == null || rawLabel.isBlank()) {
            return new RowProblem(labelName, null, "label is missing");
        }
        if (task == Task.REGRESSION) {
            double value = Numbers.finiteOrNaN(rawLabel);
            if (Double.isNaN(value)) {
                return new RowProblem(labelName, rawLabel, problem(labelName, rawLabel).reason()
                        + " (a regression label must be a finite number)");
            }
            y[j] = value;
        } else if (Numbers.isNonFinite(rawLabel)) {
            return new RowProblem(labelName, rawLabel, "is not a class label; labels must be finite numbers or names");
        } else if (encoder != null) {
            int index = encoder.indexOf(LabelEncoder.key(rawLabel));
            if (index < 0) {
                return new RowProblem(labelName, rawLabel, "is not one of the model's labels "
                        + String.join(", ", encoder.labels()));
            }
            y[j] = index;
        }
        return null;
    }

    /** The row's label in canonical form (see {@link LabelEncoder#key}); call only for a valid row. */
    public String labelKey(InternalRow row) {
        return LabelEncoder.key(text(row, labelIndex));
    }

    private static String text(InternalRow row, int field) {
        return row.isNullAt(field) ? null : row.getUTF8String(field).toString();
    }

    /** Why a value that is not a finite number was refused. */
    private static RowProblem problem(String column, String raw) {
        if (raw == null) {
            return new RowProblem(column, null, "is missing");
        }
        if (!Numbers.isNonFinite(raw)) {
            return new RowProblem(column, raw, "is not a number");
        }
        return new RowProblem(column, raw, (raw.toLowerCase(java.util.Locale.ROOT).contains("nan") ? "is NaN"
                : "is infinite") + "; values must be finite numbers");
    }
}
