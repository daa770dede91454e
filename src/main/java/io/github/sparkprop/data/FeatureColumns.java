package io.github.sparkprop.data;

import io.github.sparkprop.InputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The features of a sample: either scalar columns, in order, or the elements of one Spark ML vector column
 * (of a fixed size).
 *
 * @param names        the scalar feature columns, or empty for a vector column
 * @param vectorColumn the vector column, or null for scalar columns
 * @param vectorSize   the vector's size n_0 (vector column only)
 * @param sparse       whether the vectors are sparse (LibSVM, sparse vectors): the samples are then kept as
 *                     their non-zeros only
 */
public record FeatureColumns(List<String> names, String vectorColumn, int vectorSize, boolean sparse)
        implements Serializable {

    private static final Pattern RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(\\1)?(\\d+)");

    public FeatureColumns {
        names = List.copyOf(names);
    }

    /** Scalar columns. */
    public static FeatureColumns scalars(List<String> names) {
        return new FeatureColumns(names, null, 0, false);
    }

    /** One vector column of the given size, dense or sparse. */
    public static FeatureColumns vector(String column, int size, boolean sparse) {
        return new FeatureColumns(List.of(), column, size, sparse);
    }

    public boolean isVector() {
        return vectorColumn != null;
    }

    /** n_0, the number of features. */
    public int count() {
        return isVector() ? vectorSize : names.size();
    }

    /**
     * The feature columns of a table.
     *
     * @param requested the --features items in order, or null for the default: every other numeric column
     *                  (every other column for CSV, whose columns are text), or else the one vector column.
     *                  An item is a column name, a prefix ending in {@code *} (every column that starts with
     *                  it, in table order) or a range {@code p0..p783} (p0, p1, ..., p783)
     * @param excluded  the label and weight columns, never features
     * @throws InputException naming what is missing or ambiguous
     */
    static List<String> select(Table table, List<String> requested, Set<String> excluded) {
        List<String> columns = table.columns();
        if (requested == null) {
            List<String> numeric = new ArrayList<>();
            List<String> vectors = new ArrayList<>();
            for (StructField field : table.schema().fields()) {
                if (excluded.contains(field.name())) {
                    continue;
                }
                FieldReader reader = FieldReader.of(field.dataType());
                if (reader != null && (reader.isNumeric() || table.format() == InputFormat.CSV)) {
                    numeric.add(field.name());
                } else if (field.dataType().equals(SQLDataTypes.VectorType())) {
                    vectors.add(field.name());
                }
            }
            if (numeric.isEmpty() && vectors.size() == 1) {
                return vectors;
            }
            if (!vectors.isEmpty()) {
                throw new InputException(table.description() + " has vector column(s) " + vectors + " and numeric "
                        + "columns " + DataLoader.preview(numeric) + "; say which are the features with {features}");
            }
            if (numeric.isEmpty()) {
                throw new InputException(table.description() + " has no numeric feature columns besides "
                        + excluded + (vectors.isEmpty() ? "" : "; name one vector column with {features}: " + vectors));
            }
            return numeric;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String item : requested) {
            List<String> expanded = expand(item, columns, table.description());
            // a prefix or range never takes in the label or the weight; a name does (and is refused later)
            selected.addAll(expanded.size() > 1 || !expanded.get(0).equals(item)
                    ? expanded.stream().filter(name -> !excluded.contains(name)).toList() : expanded);
        }
        return new ArrayList<>(selected);
    }

    private static List<String> expand(String item, List<String> columns, String description) {
        Matcher range = RANGE.matcher(item);
        if (item.endsWith("*")) {
            String prefix = item.substring(0, item.length() - 1);
            List<String> matching = columns.stream().filter(c -> c.startsWith(prefix)).toList();
            if (matching.isEmpty()) {
                throw new InputException("{features} " + item + ": no column of " + description + " starts with '"
                        + prefix + "'");
            }
            return matching;
        }
        if (!columns.contains(item) && range.matches()) {
            String prefix = range.group(1);
            long from = Long.parseLong(range.group(2));
            long to = Long.parseLong(range.group(4));
            List<String> names = new ArrayList<>();
            for (long k = from; from <= to ? k <= to : k >= to; k += from <= to ? 1 : -1) {
                String name = prefix + k;
                if (!columns.contains(name)) {
                    throw new InputException("{features} " + item + ": " + description + " has no column '" + name + "'");
                }
                names.add(name);
            }
            return names;
        }
        if (!columns.contains(item)) {
            throw new InputException("feature column '" + item + "' not found in " + description + "; its columns are "
                    + DataLoader.preview(columns));
        }
        return List.of(item);
    }
}
