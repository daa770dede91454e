package io.github.sparkprop.encoding;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * One input column and how it becomes network inputs (see {@link ColumnKind}).
 *
 * @param name            the column
 * @param kind            what it holds
 * @param categories      a categorical column's categories in input order (sorted), else empty
 * @param fills           the values that stand in for a missing value, one per input (numbers, booleans,
 *                        dates, timestamps; learned from the training rows), or null when a missing value is
 *                        invalid; NaN while still to be learned
 * @param missingCategory whether a categorical column has an input of its own for a missing value (its last)
 */
public record InputColumn(String name, ColumnKind kind, List<String> categories, List<Double> fills,
        boolean missingCategory) implements Serializable {

    /** The feature name of a categorical column's input for a missing value: {@code name=(missing)}. */
    public static final String MISSING = "(missing)";

    public InputColumn {
        if (name == null || kind == null) {
            throw new IllegalArgumentException("a column has a name and a kind");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (kind == ColumnKind.CATEGORICAL) {
            if (categories.isEmpty() && !missingCategory) {
                throw new IllegalArgumentException("categorical column '" + name + "' has no category");
            }
            if (new HashSet<>(categories).size() != categories.size()) {
                throw new IllegalArgumentException("categorical column '" + name + "' names a category twice");
            }
            if (fills != null) {
                throw new IllegalArgumentException("categorical column '" + name + "' takes no fill values");
            }
        } else {
            if (!categories.isEmpty() || missingCategory) {
                throw new IllegalArgumentException(kind.id() + " column '" + name + "' has no categories");
            }
            int width = widthOf(kind, 0, false);
            if (fills != null && fills.size() != width) {
                throw new IllegalArgumentException(kind.id() + " column '" + name + "' takes " + width
                        + " fill values, got " + fills.size());
            }
        }
        fills = fills == null ? null : List.copyOf(fills);
    }

    /** A numeric column whose missing values are invalid. */
    public static InputColumn numeric(String name) {
        return new InputColumn(name, ColumnKind.NUMERIC, List.of(), null, false);
    }

    /** A column of a kind other than categorical, missing values invalid. */
    public static InputColumn of(String name, ColumnKind kind) {
        return new InputColumn(name, kind, List.of(), null, false);
    }

    /** A categorical column. */
    public static InputColumn categorical(String name, List<String> categories, boolean missingCategory) {
        return new InputColumn(name, ColumnKind.CATEGORICAL, categories, null, missingCategory);
    }

    /** The number of network inputs it takes. */
    public int width() {
        return widthOf(kind, categories.size(), missingCategory);
    }

    private static int widthOf(ColumnKind kind, int categories, boolean missingCategory) {
        return switch (kind) {
            case NUMERIC, BOOLEAN -> 1;
            case DATE -> DateParts.DATE_WIDTH;
            case TIMESTAMP -> DateParts.TIMESTAMP_WIDTH;
            case CATEGORICAL -> categories + (missingCategory ? 1 : 0);
        };
    }

    /** Whether a missing value is filled in (a fill value or the missing category) rather than invalid. */
    public boolean imputed() {
        return fills != null || missingCategory;
    }

    /** The same column with these fill values (or with a missing value invalid again, for null). */
    public InputColumn withFills(List<Double> values) {
        return new InputColumn(name, kind, categories, values, missingCategory);
    }

    /**
     * The names of its inputs: the column's own for a number or a boolean; {@code name.year},
     * {@code name.dayOfYear} (and {@code name.hour}) for a date (timestamp); {@code name=category} per
     * category and {@code name=(missing)} for a categorical column.
     */
    public List<String> featureNames() {
        return switch (kind) {
            case NUMERIC, BOOLEAN -> List.of(name);
            case DATE -> List.of(name + ".year", name + ".dayOfYear");
            case TIMESTAMP -> List.of(name + ".year", name + ".dayOfYear", name + ".hour");
            case CATEGORICAL -> {
                List<String> names = new ArrayList<>();
                categories.forEach(category -> names.add(name + "=" + category));
                if (missingCategory) {
                    names.add(name + "=" + MISSING);
                }
                yield names;
            }
        };
    }
}
