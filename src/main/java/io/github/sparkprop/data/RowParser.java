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
            RowProblem problem = checkNumber(featureNames[k], raw);
            if (problem != null) {
                return problem;
            }
            x[offset + k] = Double.parseDouble(raw);
        }
        String rawLabel = text(row, labelIndex);
        if (rawLabel == null || rawLabel.isBlank()) {
            return new RowProblem(labelName, null, "label is missing");
        }
        if (task == Task.REGRESSION) {
            RowProblem problem = checkNumber(labelName, rawLabel);
            if (problem != null) {
                return new RowProblem(labelName, rawLabel, problem.reason() + " (a regression label must be a finite "
                        + "number)");
            }
            y[j] = Double.parseDouble(rawLabel);
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

    private static RowProblem checkNumber(String column, String raw) {
        if (raw == null) {
            return new RowProblem(column, null, "is missing");
        }
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return new RowProblem(column, raw, "is not a number");
        }
        if (Double.isNaN(value)) {
            return new RowProblem(column, raw, "is NaN; values must be finite numbers");
        }
        if (Double.isInfinite(value)) {
            return new RowProblem(column, raw, "is infinite; values must be finite numbers");
        }
        return null;
    }
}
