package io.github.sparkprop.internal.encoding;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How the columns of a table become the n_0 network inputs: each column's inputs in column order (see
 * {@link InputColumn}).
 *
 * @param columns the input columns, in input order
 */
public record InputEncoding(List<InputColumn> columns) implements Serializable {

    public InputEncoding {
        columns = List.copyOf(columns);
    }

    /** Every column a number, missing values invalid: what a version-1 model's named features are. */
    public static InputEncoding numeric(List<String> names) {
        return new InputEncoding(names.stream().map(InputColumn::numeric).toList());
    }

    /** n_0, the number of network inputs. */
    public int width() {
        int width = 0;
        for (InputColumn column : columns) {
            width += column.width();
        }
        return width;
    }

    /** The names of the columns read, in order. */
    public List<String> columnNames() {
        return columns.stream().map(InputColumn::name).toList();
    }

    /** The names of the n_0 inputs, in order (see {@link InputColumn#featureNames()}). */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.addAll(column.featureNames()));
        return names;
    }

    /** Whether every column is a number read as it is (no categories, dates, booleans or fill values). */
    public boolean plainNumbers() {
        return columns.stream().allMatch(column -> column.kind() == ColumnKind.NUMERIC && !column.imputed());
    }

    /** Whether some column fills in a missing value. */
    public boolean imputes() {
        return columns.stream().anyMatch(InputColumn::imputed);
    }

    /**
     * The same columns with fill values for every column but the categorical ones.
     *
     * @param fills the fill value of every input, in input order (a categorical column's are ignored)
     */
    public InputEncoding withFills(double[] fills) {
        List<InputColumn> filled = new ArrayList<>();
        int offset = 0;
        for (InputColumn column : columns) {
            if (column.kind() == ColumnKind.CATEGORICAL) {
                filled.add(column);
            } else {
                List<Double> values = new ArrayList<>();
                for (int k = 0; k < column.width(); k++) {
                    values.add(fills[offset + k]);
                }
                filled.add(column.withFills(values));
            }
            offset += column.width();
        }
        return new InputEncoding(filled);
    }

    /** The offset of each column's first input. */
    public int[] offsets() {
        int[] offsets = new int[columns.size()];
        int offset = 0;
        for (int c = 0; c < columns.size(); c++) {
            offsets[c] = offset;
            offset += columns.get(c).width();
        }
        return offsets;
    }
}
