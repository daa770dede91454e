package io.github.sparkprop.internal.encoding;

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
 * @param otherCategory   whether a categorical column has an input for every value not among its categories
 *                        (after the categories, before the missing one): a column of more distinct values than
 *                        it keeps, its most frequent ones
 */
public record InputColumn(String name, ColumnKind kind, List<String> categories, List<Double> fills,
        boolean missingCategory, boolean otherCategory) implements Serializable {

    /** The feature name of a categorical column's input for a missing value: {@code name=(missing)}. */
    public static final String MISSING = "(missing)";
    /** The feature name of a categorical column's input for the values it does not keep: {@code name=(other)}. */
    public static final String OTHER = "(other)";

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
            if (!categories.isEmpty() || missingCategory || otherCategory) {
                throw new IllegalArgumentException(kind.id() + " column '" + name + "' has no categories");
            }
            int width = widthOf(kind, 0, false, false);
            if (fills != null && fills.size() != width) {
                throw new IllegalArgumentException(kind.id() + " column '" + name + "' takes " + width
                        + " fill values, got " + fills.size());
            }
        }
        fills = fills == null ? null : List.copyOf(fills);
    }

    /** A numeric column whose missing values are invalid. */
    public static InputColumn numeric(String name) {
        return new InputColumn(name, ColumnKind.NUMERIC, List.of(), null, false, false);
    }

    /** A column of a kind other than categorical, missing values invalid. */
    public static InputColumn of(String name, ColumnKind kind) {
        return new InputColumn(name, kind, List.of(), null, false, false);
    }

    /** A categorical column that keeps every category it has seen. */
    public static InputColumn categorical(String name, List<String> categories, boolean missingCategory) {
        return new InputColumn(name, ColumnKind.CATEGORICAL, categories, null, missingCategory, false);
    }

    /** The number of network inputs it takes. */
    public int width() {
        return widthOf(kind, categories.size(), missingCategory, otherCategory);
    }

    private static int widthOf(ColumnKind kind, int categories, boolean missingCategory, boolean otherCategory) {
        return switch (kind) {
            case NUMERIC, BOOLEAN -> 1;
            case DATE -> DateParts.DATE_WIDTH;
            case TIMESTAMP -> DateParts.TIMESTAMP_WIDTH;
            case CATEGORICAL -> categories + (otherCategory ? 1 : 0) + (missingCategory ? 1 : 0);
        };
    }

    /** The input of the "other" slot (see {@code otherCategory}), relative to the column's first. */
    public int otherIndex() {
        return categories.size();
    }

    /** The input of the missing category, relative to the column's first. */
    public int missingIndex() {
        return categories.size() + (otherCategory ? 1 : 0);
    }

    /** Whether a missing value is filled in (a fill value or the missing category) rather than invalid. */
    public boolean imputed() {
        return fills != null || missingCategory;
    }

    /** The same column with these fill values (or with a missing value invalid again, for null). */
    public InputColumn withFills(List<Double> values) {
        return new InputColumn(name, kind, categories, values, missingCategory, otherCategory);
    }

    /**
     * The names of its inputs: the column's own for a number or a boolean; {@code name.year},
     * {@code name.dayOfYear} (and {@code name.hour}) for a date (timestamp); {@code name=category} per
     * category, {@code name=(other)} and {@code name=(missing)} for a categorical column.
     */
    public List<String> featureNames() {
        return switch (kind) {
            case NUMERIC, BOOLEAN -> List.of(name);
            case DATE -> List.of(name + ".year", name + ".dayOfYear");
            case TIMESTAMP -> List.of(name + ".year", name + ".dayOfYear", name + ".hour");
            case CATEGORICAL -> {
                List<String> names = new ArrayList<>();
                categories.forEach(category -> names.add(name + "=" + category));
                if (otherCategory) {
                    names.add(name + "=" + OTHER);
                }
                if (missingCategory) {
                    names.add(name + "=" + MISSING);
                }
                yield names;
            }
        };
    }
}
