package io.github.sparkprop.internal.data;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fill values of an encoding's columns, learned from the training rows: for every input of a column that is
 * not categorical (a categorical column has a category of its own for a missing value), the mean or the median
 * of that input over the training rows that have a value.
 */
final class Imputation {

    private static final Logger LOG = LoggerFactory.getLogger(Imputation.class);

    private Imputation() {
    }

    /** The inputs that take a fill value: every input of a column that is not categorical, in order. */
    static int[] filledInputs(InputEncoding encoding) {
        List<Integer> inputs = new ArrayList<>();
        int offset = 0;
        for (InputColumn column : encoding.columns()) {
            if (column.kind() != ColumnKind.CATEGORICAL) {
                for (int k = 0; k < column.width(); k++) {
                    inputs.add(offset + k);
                }
            }
            offset += column.width();
        }
        return inputs.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The encoding with these fill values, logged with the number of values each column had filled in.
     *
     * @param fills  a value per input (those of categorical columns ignored)
     * @param filled per column, the valid rows whose value was missing there
     * @throws InputException for a column without a value in any training row
     */
    static InputEncoding withFills(InputEncoding encoding, double[] fills, long[] filled, ColumnChoice.Impute impute,
            String description) {
        List<String> lines = new ArrayList<>();
        int offset = 0;
        for (int c = 0; c < encoding.columns().size(); c++) {
            InputColumn column = encoding.columns().get(c);
            if (column.kind() != ColumnKind.CATEGORICAL) {
                List<String> values = new ArrayList<>();
                for (int k = 0; k < column.width(); k++) {
                    if (Double.isNaN(fills[offset + k])) {
                        throw new InputException("column '" + column.name() + "' of " + description + " has no value "
                                + "in the training rows to learn its {impute} " + impute.id() + " from; leave it out "
                                + "with {exclude}");
                    }
                    values.add(String.valueOf(fills[offset + k]));
                }
                if (filled[c] > 0) {
                    lines.add("  " + column.name() + ": " + String.format("%,d", filled[c]) + " filled with "
                            + String.join(", ", values));
                }
            } else if (filled[c] > 0) {
                lines.add("  " + column.name() + ": " + String.format("%,d", filled[c]) + " in the category "
                        + InputColumn.MISSING);
            }
            offset += column.width();
        }
        long total = java.util.Arrays.stream(filled).sum();
        if (total > 0) {
            LOG.info("{}: {} missing values filled in (the {} of the training rows){}", description,
                    String.format("%,d", total), impute.id(), ":\n" + String.join("\n", lines));
        }
        return encoding.withFills(fills);
    }
}
