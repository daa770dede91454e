package io.github.sparkprop.internal.data;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features of a sample: either scalar columns, each turned into one or more inputs by its {@link
 * InputColumn} (numbers, categories, dates, ...), or the elements of one Spark ML vector column (of a fixed
 * size).
 *
 * @param encoding     the scalar columns and how they become inputs, or null for a vector column
 * @param vectorColumn the vector column, or null for scalar columns
 * @param vectorSize   the vector's size n_0 (vector column only)
 * @param sparse       whether the vectors are sparse (LibSVM, sparse vectors): the samples are then kept as
 *                     their non-zeros only
 */
public record FeatureColumns(InputEncoding encoding, String vectorColumn, int vectorSize, boolean sparse)
        implements Serializable {

    private static final Pattern RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(\\1)?(\\d+)");

    /** Numeric columns, a missing value invalid. */
    public static FeatureColumns scalars(List<String> names) {
        return encoded(InputEncoding.numeric(names));
    }

    /** Scalar columns encoded as given. */
    public static FeatureColumns encoded(InputEncoding encoding) {
        return new FeatureColumns(encoding, null, 0, false);
    }

    /** One vector column of the given size, dense or sparse. */
    public static FeatureColumns vector(String column, int size, boolean sparse) {
        return new FeatureColumns(null, column, size, sparse);
    }

    public boolean isVector() {
        return vectorColumn != null;
    }

    /** The scalar columns read, in order (empty for a vector column). */
    public List<String> names() {
        return isVector() ? List.of() : encoding.columnNames();
    }

    /** n_0, the number of features. */
    public int count() {
        return isVector() ? vectorSize : encoding.width();
    }

    /**
     * The columns that a list of items names, in the items' order.
     *
     * @param items    column names, prefixes ending in {@code *} (every column that starts with it, in table
     *                 order) or ranges {@code p0..p783} (p0, p1, ..., p783)
     * @param excluded the label and weight columns: a prefix or a range never takes them in (a name does)
     * @param setting  the setting that lists the items, for messages
     * @throws InputException naming an item that matches no column
     */
    static List<String> expand(Table table, List<String> items, Set<String> excluded, String setting) {
        Set<String> selected = new LinkedHashSet<>();
        for (String item : items) {
            List<String> expanded = expand(item, table.columns(), table.description(), setting);
            selected.addAll(expanded.size() > 1 || !expanded.get(0).equals(item)
                    ? expanded.stream().filter(name -> !excluded.contains(name)).toList() : expanded);
        }
        return new ArrayList<>(selected);
    }

    /**
     * Checks that columns named in the forms of {@code --features} (names, prefixes p*, ranges p0..p9) are among
     * the given ones.
     *
     * @throws InputException naming the first that is not, with the closest column name
     */
    public static void requireColumns(List<String> items, List<String> columns, String description, String setting) {
        for (String item : items) {
            expand(item, columns, description, setting);
        }
    }

    private static List<String> expand(String item, List<String> columns, String description, String setting) {
        Matcher range = RANGE.matcher(item);
        if (item.endsWith("*")) {
            String prefix = item.substring(0, item.length() - 1);
            List<String> matching = columns.stream().filter(c -> c.startsWith(prefix)).toList();
            if (matching.isEmpty()) {
                throw new InputException("{" + setting + "} " + item + ": no column of " + description + " starts with '"
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
                    throw new InputException("{" + setting + "} " + item + ": " + description + " has no column '" + name + "'");
                }
                names.add(name);
            }
            return names;
        }
        if (!columns.contains(item)) {
            throw new InputException((setting.equals("features") ? "feature" : "{" + setting + "}") + " column '" + item
                    + "' not found in " + description + DidYouMean.hint(item, columns) + " (its columns are "
                    + DataLoader.preview(columns) + ")");
        }
        return List.of(item);
    }
}
