package io.github.sparkprop.internal.data;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.internal.encoding.TextKinds;
import io.github.sparkprop.internal.encoding.ValueEncoder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role of each scalar column of a table that no model describes, from its type and its values: a column
 * typed as numbers, booleans, dates or timestamps has that kind; a column of text has the kind a sample of its
 * first rows shows ({@link TextKinds}); a column of other text is categorical when it has at most K distinct
 * values in the whole input (one pass over those columns counts them), else left out as free text or ids.
 * A column of text of more than K distinct values keeps its K most frequent ones and an "other" slot, unless its
 * values are mostly distinct (names, ids, free text: left out). A first column of row numbers ({@link RowNumbers})
 * is left out. {@code categorical} makes columns categorical whatever they hold, {@code exclude} leaves columns out,
 * and named features must all be usable. The roles are logged, each left-out column with the reason.
 */
final class ColumnRoles {

    private static final Logger LOG = LoggerFactory.getLogger(ColumnRoles.class);

    /** The values (rows x columns of text) of the sample that tells what a column of text holds. */
    static final int SAMPLE_VALUES = 500_000;
    /** The most rows of that sample. */
    static final int SAMPLE_ROWS = 10_000;
    /** The fewest rows of that sample, however wide the table. */
    static final int MIN_SAMPLE_ROWS = 100;
    /** Distinct values are counted up to this many per column (at least K + 1), for the log. */
    static final int COUNTED = 1000;
    /** ... and up to this many in all the columns counted, so that a wide table of text stays within memory. */
    static final int COUNTED_VALUES = 200_000;

    private ColumnRoles() {
    }

    /**
     * The columns a spec asks for: the named features, or every column that is not excluded (label, weight,
     * {@code exclude}).
     */
    record Candidates(List<String> columns, Set<String> categorical, Set<String> dropped, boolean named) {
    }

    /**
     * @param excluded the label and weight columns (and a label the rows may carry)
     * @throws InputException for a named column that does not exist or is named in conflicting ways
     */
    static Candidates candidates(Table table, DataSpec spec, Set<String> excluded) {
        ColumnChoice choice = spec.choice();
        Set<String> categorical = new LinkedHashSet<>(FeatureColumns.expand(table, choice.categorical(), excluded,
                "categorical"));
        Set<String> dropped = new LinkedHashSet<>(FeatureColumns.expand(table, choice.exclude(), excluded, "exclude"));
        for (String column : categorical) {
            if (excluded.contains(column)) {
                throw new InputException("the column '" + column + "' is the label or the weight; it cannot also be a "
                        + "categorical feature");
            }
            if (dropped.contains(column)) {
                throw new InputException("the column '" + column + "' is named by both {categorical} and {exclude}");
            }
        }
        boolean named = spec.features() != null;
        List<String> columns;
        if (named) {
            columns = FeatureColumns.expand(table, spec.features(), excluded, "features");
            for (String column : columns) {
                if (excluded.contains(column)) {
                    throw new InputException("the column '" + column + "' is the label or the weight; it cannot also "
                            + "be a feature");
                }
                if (dropped.contains(column)) {
                    throw new InputException("the column '" + column + "' is named by both {features} and {exclude}");
                }
            }
            for (String column : categorical) {
                if (!columns.contains(column)) {
                    throw new InputException("{categorical} names '" + column + "', which {features} does not list");
                }
            }
        } else {
            columns = new ArrayList<>();
            for (String column : table.columns()) {
                if (!excluded.contains(column) && !dropped.contains(column)) {
                    columns.add(column);
                }
            }
        }
        return new Candidates(columns, categorical, dropped, named);
    }

    /**
     * The encoding of the candidate scalar columns (vector columns are not among them).
     *
     * @param excluded the label and weight columns, for the log
     * @throws InputException when a named column cannot be used, or no column can
     */
    static InputEncoding encode(SparkSession spark, Table table, Candidates candidates, DataSpec spec,
            Set<String> excluded) {
        Roles roles = Roles.byType(table, candidates);
        roles.leaveOutRowNumbers(spark, table, candidates);
        roles.countCategories(spark, table, candidates, spec.choice().maxCategories());
        List<InputColumn> inputs = roles.inputs(candidates, spec.imputation() != ColumnChoice.Impute.NONE);
        InputEncoding encoding = new InputEncoding(inputs);
        log(table, encoding, roles.leftOut, candidates.dropped(), excluded, spec.label(), spec.weight());
        if (inputs.isEmpty()) {
            throw new InputException(table.description() + " has no usable feature column besides " + excluded
                    + (roles.leftOut.isEmpty() ? "" : ": " + describe(roles.leftOut)));
        }
        return encoding;
    }

    /** The roles of the candidate columns as they are decided: by type, then by their values. */
    private static final class Roles {
        private final Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        /** Why a column is left out, by column. */
        private final Map<String, String> leftOut = new LinkedHashMap<>();
        /** The columns whose distinct values decide whether they are categorical. */
        private final List<String> toCount = new ArrayList<>();
        private final Map<String, List<String>> categories = new LinkedHashMap<>();
        private final Set<String> withOther = new HashSet<>();

        /**
         * The roles the columns' types give: numbers, booleans, dates and timestamps are features; text is sampled
         * (dates and numbers written as text) or counted; other types are left out (an error when named).
         */
        static Roles byType(Table table, Candidates candidates) {
            Roles roles = new Roles();
            List<String> toSample = new ArrayList<>();
            for (String column : candidates.columns()) {
                DataType type = table.schema().apply(column).dataType();
                FieldReader reader = FieldReader.ofValues(type);
                if (reader == null) {
                    String reason = "of type " + type.simpleString() + ", which is not a number, text, boolean, date "
                            + "or timestamp";
                    if (candidates.named() || candidates.categorical().contains(column)) {
                        throw new InputException("column '" + column + "' of " + table.description() + " is "
                                + reason);
                    }
                    roles.leftOut.put(column, reason);
                } else if (candidates.categorical().contains(column)) {
                    roles.toCount.add(column);
                } else if (reader.isText()) {
                    toSample.add(column);
                } else {
                    roles.kinds.put(column, reader.typedKind());
                }
            }
            sampleKinds(table, toSample).forEach((column, kind) -> {
                if (kind != null) {
                    roles.kinds.put(column, kind);
                } else {
                    roles.toCount.add(column);
                }
            });
            return roles;
        }

        /** Leaves out a first numeric column of row numbers, unless the features were named or it is the only one. */
        void leaveOutRowNumbers(SparkSession spark, Table table, Candidates candidates) {
            String first = table.columns().get(0);
            boolean others = kinds.size() + toCount.size() > 1;
            if (!candidates.named() && kinds.get(first) == ColumnKind.NUMERIC && others) {
                String rowNumbers = RowNumbers.reason(spark, table, FieldReader.ofValues(table.schema().apply(first)
                        .dataType()));
                if (rowNumbers != null) {
                    kinds.remove(first);
                    leftOut.put(first, rowNumbers);
                }
            }
        }

        /**
         * Counts the values of the text columns: at most K distinct values, or more but not mostly distinct (its K
         * most frequent and an "other" slot), make a categorical feature; mostly distinct text is left out (an
         * error when named).
         */
        void countCategories(SparkSession spark, Table table, Candidates candidates, int k) {
            int limit = Math.max(k, Math.min(COUNTED, COUNTED_VALUES / Math.max(1, toCount.size())));
            count(spark, table, toCount, limit + 1).forEach((column, count) -> {
                boolean forced = candidates.categorical().contains(column);
                boolean mostlyDistinct = count.overflow
                        || count.values.size() > k && count.values.size() > count.present * MOSTLY_DISTINCT;
                String problem = count.values.isEmpty() ? "every value is missing"
                        : mostlyDistinct ? (forced ? "has " : "text with ") + count.describe() + " in "
                                + String.format("%,d", count.present) + " values (mostly distinct: names, ids or free "
                                + "text)" : null;
                if (problem == null) {
                    categories.put(column, count.kept(k));
                    if (count.values.size() > k) {
                        withOther.add(column);
                    }
                    kinds.put(column, ColumnKind.CATEGORICAL);
                } else if (forced || candidates.named()) {
                    throw new InputException("column '" + column + "' of " + table.description() + (forced
                            ? " (named by {categorical})" : "") + ": " + problem + (count.values.isEmpty() ? ""
                                    : forced ? "" : "; leave it out of {features}"));
                } else {
                    leftOut.put(column, problem);
                }
            });
        }

        /** The inputs of the columns with a role, in the candidates' order, with fills to learn when imputing. */
        List<InputColumn> inputs(Candidates candidates, boolean impute) {
            List<InputColumn> inputs = new ArrayList<>();
            for (String column : candidates.columns()) {
                ColumnKind kind = kinds.get(column);
                if (kind == ColumnKind.CATEGORICAL) {
                    inputs.add(new InputColumn(column, kind, categories.get(column), null, impute,
                            withOther.contains(column)));
                } else if (kind != null) {
                    InputColumn input = InputColumn.of(column, kind);
                    inputs.add(impute ? input.withFills(Collections.nCopies(input.width(), Double.NaN)) : input);
                }
            }
            return inputs;
        }
    }

    /** What a sample of the first rows shows each column of text to hold (null: text). */
    private static Map<String, ColumnKind> sampleKinds(Table table, List<String> columns) {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return kinds;
        }
        int rows = Math.max(MIN_SAMPLE_ROWS, Math.min(SAMPLE_ROWS, SAMPLE_VALUES / columns.size()));
        int[] indices = columns.stream().mapToInt(table.columns()::indexOf).toArray();
        // Spark's internal rows, as far as the sample goes: no conversion to Row, which for wide tables compiles a
        // converter of every column first
        List<String[]> sample = table.rows().map(row -> {
            String[] values = new String[indices.length];
            for (int k = 0; k < indices.length; k++) {
                values[k] = row.isNullAt(indices[k]) ? null : row.getUTF8String(indices[k]).toString();
            }
            return values;
        }).take(rows);
        for (int c = 0; c < columns.size(); c++) {
            TextKinds text = new TextKinds();
            for (String[] row : sample) {
                text.add(row[c]);
            }
            // no row at all: numbers, as a table of text always was, so that the input is reported as empty
            kinds.put(columns.get(c), sample.isEmpty() ? ColumnKind.NUMERIC : text.kind());
        }
        return kinds;
    }

    /**
     * A column of text with more distinct values than this share of its values is names, ids or free text, and
     * left out; one with fewer, but more than K, keeps its K most frequent values and an "other" slot.
     */
    static final double MOSTLY_DISTINCT = 0.5;

    /** The distinct values of a column (as categories) with their rows, counted up to a limit, and its values. */
    static final class CategoryCount implements Serializable {
        private final int limit;
        final Map<String, Long> values = new HashMap<>();
        long present;
        boolean overflow;

        CategoryCount(int limit) {
            this.limit = limit;
        }

        void add(String key) {
            add(key, 1);
        }

        private void add(String key, long rows) {
            present += rows;
            Long count = values.get(key);
            if (count != null) {
                values.put(key, count + rows);
            } else if (values.size() < limit) {
                values.put(key, rows);
            } else {
                overflow = true;
            }
        }

        CategoryCount merge(CategoryCount other) {
            other.values.forEach(this::add);
            present += other.present - other.values.values().stream().mapToLong(Long::longValue).sum();
            overflow |= other.overflow;
            return this;
        }

        /** The k most frequent values (ties by value), sorted as categories are ({@link LabelEncoder}). */
        List<String> kept(int k) {
            List<String> frequent = values.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(k).map(Map.Entry::getKey).toList();
            return LabelEncoder.fromObserved(frequent).labels();
        }

        /** "301 distinct values", or "more than 1000 distinct values". */
        String describe() {
            return (overflow ? "more than " + String.format("%,d", limit) : String.format("%,d", values.size()))
                    + " distinct values";
        }
    }

    /** The distinct values of the columns in one pass over the input, each counted up to the limit. */
    private static Map<String, CategoryCount> count(SparkSession spark, Table table, List<String> columns, int limit) {
        Map<String, CategoryCount> counts = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return counts;
        }
        FieldReader[] readers = columns.stream().map(c -> FieldReader.ofValues(table.schema().apply(c).dataType()))
                .toArray(FieldReader[]::new);
        spark.sparkContext().setJobDescription("finding the categories of " + table.description());
        CategoryCounts found;
        try {
            found = table.rows(columns).mapPartitions(rows -> Collections.singletonList(
                            CategoryCounts.ofPartition(rows, readers, limit)).iterator())
                    .treeReduce(CategoryCounts::merge);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        for (int c = 0; c < columns.size(); c++) {
            counts.put(columns.get(c), found.columns[c]);
        }
        return counts;
    }

    /** The distinct values of each column of one pass, merged over the partitions. */
    static final class CategoryCounts implements Serializable {
        private final CategoryCount[] columns;

        private CategoryCounts(CategoryCount[] columns) {
            this.columns = columns;
        }

        static CategoryCounts ofPartition(Iterator<InternalRow> rows, FieldReader[] readers, int limit) {
            CategoryCount[] counts = new CategoryCount[readers.length];
            for (int c = 0; c < readers.length; c++) {
                counts[c] = new CategoryCount(limit);
            }
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                for (int c = 0; c < readers.length; c++) {
                    Object value = readers[c].value(row, c);
                    if (!ValueEncoder.isMissing(value)) {
                        counts[c].add(ValueEncoder.categoryKey(value));
                    }
                }
            }
            return new CategoryCounts(counts);
        }

        CategoryCounts merge(CategoryCounts other) {
            for (int c = 0; c < columns.length; c++) {
                columns[c].merge(other.columns[c]);
            }
            return this;
        }
    }

    /** Logs the role of every column of the table, in table order, numeric ones together when there are many. */
    private static void log(Table table, InputEncoding encoding, Map<String, String> leftOut, Set<String> dropped,
            Set<String> excluded, String label, String weight) {
        Map<String, InputColumn> inputs = new LinkedHashMap<>();
        encoding.columns().forEach(column -> inputs.put(column.name(), column));
        boolean compact = encoding.columns().stream().filter(c -> c.kind() == ColumnKind.NUMERIC).count()
                > MANY_NUMERIC;
        List<String> numeric = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String column : table.columns()) {
            InputColumn input = inputs.get(column);
            if (compact && input != null && input.kind() == ColumnKind.NUMERIC) {
                numeric.add(column);
                continue;
            }
            String role = input != null ? role(input) : leftOut.containsKey(column) ? "left out, " + leftOut.get(column)
                    : dropped.contains(column) ? "left out (excluded)" : column.equals(label) ? "label"
                    : column.equals(weight) ? "weight" : excluded.contains(column) ? "left out" : null;
            if (role != null) {
                lines.add("  " + column + ": " + role);
            }
        }
        if (compact) {
            lines.add("  " + numeric.size() + " numeric columns: " + DataLoader.preview(numeric));
        }
        LOG.info("columns of {} ({} inputs{}):\n{}", table.description(), encoding.width(), encoding.imputes()
                ? "; a missing value is filled in" : "", String.join("\n", lines));
    }

    /** More numeric columns than this are logged on one line. */
    private static final int MANY_NUMERIC = 20;

    /** A column's role as the log shows it. */
    static String role(InputColumn column) {
        return switch (column.kind()) {
            case NUMERIC -> "numeric";
            case BOOLEAN -> "boolean (1 for true, 0 for false)";
            case DATE -> "date (inputs: year, day of the year)";
            case TIMESTAMP -> "timestamp (inputs: year, day of the year, hour of the day; UTC)";
            case CATEGORICAL -> "categorical, " + column.categories().size() + (column.otherCategory()
                    ? " most frequent" : "") + " categories (" + DataLoader.preview(column.categories()) + ")"
                    + (column.otherCategory() ? ", one for the others" : "")
                    + (column.missingCategory() ? " and one for a missing value" : "");
        };
    }

    private static String describe(Map<String, String> leftOut) {
        List<String> parts = new ArrayList<>();
        leftOut.forEach((column, reason) -> parts.add(column + " (" + reason + ")"));
        return String.join("; ", parts);
    }
}
