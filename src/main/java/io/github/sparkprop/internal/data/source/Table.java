package io.github.sparkprop.internal.data.source;

import io.github.sparkprop.InputException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Input rows as Spark's readers give them: the data columns (for CSV every column as a string, so that a
 * bad value can be shown as it was written; for Parquet and LibSVM as typed), then, for CSV, the raw record
 * of a row with the wrong number of fields (else null). Where each row comes from (its file and file split)
 * is told by the locator, in the task that reads it; {@link #rowIds()} numbers the rows from it.
 */
public final class Table {

    private final TableRows source;
    private final StructType schema;
    private final InputFormat format;
    private final String description;
    private final CsvOptions options;
    private final SplitLocator locator;

    /**
     * @param source      where the rows come from
     * @param schema      the data columns, in file order
     * @param format      the input format
     * @param description the input paths, for messages
     * @param options     how a CSV was read
     * @param locator     the file and split of the row just read
     */
    private Table(TableRows source, StructType schema, InputFormat format, String description, CsvOptions options,
            SplitLocator locator) {
        this.source = source;
        this.schema = schema;
        this.format = format;
        this.description = description;
        this.options = options;
        this.locator = locator;
    }

    /** The data columns, in file order. */
    public StructType schema() {
        return schema;
    }

    /** The input format. */
    public InputFormat format() {
        return format;
    }

    /** The input paths, for messages. */
    public String description() {
        return description;
    }

    /** How a CSV was read. */
    public CsvOptions options() {
        return options;
    }

    /**
     * Every row as Spark's internal row (see {@link TableRows#rows()}); a row object may be reused by its
     * iterator, so read it before taking the next.
     */
    public JavaRDD<InternalRow> rows() {
        return source.rows();
    }

    /** The rows with only the given data columns, in that order. */
    public JavaRDD<InternalRow> rows(List<String> columns) {
        return source.rows(columns, columns.stream().mapToInt(columns()::indexOf).toArray());
    }

    /**
     * The rows as {@code Row} objects of the data columns and, for CSV, the malformed-record column at
     * {@link #malformedIndex()}, spread over {@code partitions} partitions, or as read when 0.
     */
    public JavaRDD<Row> externalRows(int partitions) {
        return source.externalRows(partitions);
    }

    /** The data columns' names, in file order. */
    public List<String> columns() {
        return List.of(schema.fieldNames());
    }

    /** Index of the raw-record column of a CSV row with the wrong number of fields, or -1 for other formats. */
    public int malformedIndex() {
        return format == InputFormat.CSV ? schema.size() : -1;
    }


    /**
     * Reads the paths through Spark's reader for the format. Each path may be a file, a directory of part
     * files or a glob, on any Hadoop file system.
     *
     * @param format         the format, or null to infer it from the file names
     * @param libsvmFeatures the size of LibSVM vectors, or 0 for the largest index in the data
     * @throws InputException when a path matches nothing or the input has no columns
     */
    public static Table read(SparkSession spark, List<String> paths, InputFormat format, CsvOptions options,
            int libsvmFeatures) {
        String description = String.join(", ", paths);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> readable = existing(conf, paths);
        InputFormat actual = format != null ? format : InputFiles.of(readable, null, options, conf).format();
        String[] pathArray = readable.toArray(new String[0]);
        if (actual == InputFormat.CSV) {
            return readCsv(spark, pathArray, options, description);
        }
        Dataset<Row> data;
        try {
            data = switch (actual) {
                case PARQUET -> spark.read().parquet(pathArray);
                case LIBSVM -> libsvmFeatures > 0
                        ? spark.read().format("libsvm").option("numFeatures", libsvmFeatures).load(pathArray)
                        : spark.read().format("libsvm").load(pathArray);
                case CSV -> throw new IllegalStateException("read above");
            };
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // Spark's AnalysisException and friends, undeclared
            String line = actual == InputFormat.LIBSVM ? LineLocator.firstLibsvmProblem(conf, readable) : null;
            if (line != null) {
                throw new InputException(line + " (LibSVM lines are 'label index:value ...', indices from 1, "
                        + "ascending)", e);
            }
            throw new InputException("cannot read " + description + " as " + actual.id() + ": "
                    + withoutJobFailure(e.getMessage().lines().findFirst().orElse("")) + cause(e), e);
        }
        if (data.schema().fields().length == 0) {
            throw new InputException("input " + description + " is empty: no columns and no rows");
        }
        return new Table(new FrameRows(data), data.schema(), actual, description, options, SplitLocator.files());
    }

    /**
     * The rows of a DataFrame (typed, as Parquet's): its partitions play the file splits, so that row ids
     * are the position in the DataFrame's partitions, stable as long as the DataFrame computes the same
     * partitions every time (a DataFrame read from files, or cached, does).
     *
     * @param description what the rows are, for messages
     */
    public static Table of(Dataset<Row> data, String description) {
        return new Table(new FrameRows(data), data.schema(), InputFormat.PARQUET, description, CsvOptions.DEFAULT,
                SplitLocator.partitions(description));
    }

    /**
     * CSV with every column a string and a column for rows with the wrong number of fields, read as lines of
     * text ({@link CsvLines}). The columns are named by the first line of the first file Spark reads.
     */
    private static Table readCsv(SparkSession spark, String[] paths, CsvOptions options, String description) {
        StructType header;
        try {
            header = spark.read()
                    .option("header", options.header())
                    .option("delimiter", options.delimiter())
                    .option("maxColumns", CsvLines.MAX_COLUMNS)
                    .csv(paths)
                    .schema();
        } catch (Exception e) { // Spark's AnalysisException and friends, undeclared
            throw new InputException("cannot read " + description + " as csv: "
                    + withoutJobFailure(e.getMessage().lines().findFirst().orElse("")) + cause(e), e);
        }
        if (header.fields().length == 0) {
            throw new InputException("input " + description + " is empty: no header and no rows");
        }
        StructType columns = new StructType();
        for (String column : header.fieldNames()) {
            columns = columns.add(column, DataTypes.StringType);
        }
        CsvLines lines = new CsvLines(columns, options);
        return new Table(new CsvRows(lines, lines.records(spark, paths)), columns, InputFormat.CSV, description,
                options, SplitLocator.files());
    }

    /**
     * The stable ids of the rows, from the number of records in each file split counted in a pass that parses
     * no column.
     */
    public RowIds rowIds() {
        SplitLocator splits = locator;
        return new RowIds(source.records().mapPartitions(it -> List.of(RecordCounts.of(it, splits)).iterator())
                .treeReduce(RecordCounts::merge).counts(), locator);
    }

    /**
     * Where a row is, for a message: "FILE line N" for a text file ("FILE row N" for Parquet, or where the line
     * cannot be found), the file as a path a user reads (file:/my%20data/a.csv -&gt; file:/my data/a.csv).
     *
     * @param ids  the table's row ids
     * @param file the row's file, as its row counter gives it
     * @param id   the row's id
     */
    public String locate(Configuration conf, RowIds ids, String file, long id) {
        long record = id - ids.fileStart(file);
        boolean header = format == InputFormat.CSV && options.header();
        long line = format != InputFormat.PARQUET ? LineLocator.lineOf(conf, file, record, header,
                format == InputFormat.LIBSVM) : -1;
        return decoded(file) + (line > 0 ? " line " + line : " row " + (record + 1));
    }

    private static String decoded(String uri) {
        try {
            return new Path(new java.net.URI(uri)).toString();
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }

    /**
     * The column a CSV header names twice, from Spark's report of a header that does not match the schema it
     * inferred (which renames duplicates x, x to x0, x1): "Header: x, x, label", or null.
     */
    private static String duplicateColumn(String report) {
        Matcher header = Pattern.compile("Header: ([^\\n]*)").matcher(report);
        if (!header.find()) {
            return null;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String column : header.group(1).split(",\\s*")) {
            if (!seen.add(column.trim().toLowerCase(java.util.Locale.ROOT))) {
                return column.trim();
            }
        }
        return null;
    }

    /** Spark's words around a task's error ("Job aborted due to stage failure: ... driver): "), left out. */
    private static String withoutJobFailure(String message) {
        return message.replaceFirst("^Job aborted due to stage failure: .*?\\): ", "");
    }

    /** "; cause: " and the first line of the innermost cause, when there is one with another message. */
    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e || root.getMessage() == null ? null : root.getMessage().lines().findFirst()
                .orElse(null);
        return message == null || e.getMessage().contains(message) ? "" : "; cause: " + message;
    }

    /**
     * The user's error behind a failed read: part files whose headers differ, or a file Spark could not
     * read (a LibSVM index beyond the model's features, a corrupt Parquet file, ...), become an
     * {@link InputException} naming the file; anything else is rethrown as it is.
     */
    public static RuntimeException explain(Exception e, String description) {
        String file = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            if (message.startsWith("CSV header does not conform to the schema")) {
                String duplicate = duplicateColumn(message);
                if (duplicate != null) {
                    return new InputException(description + ": the header names column '" + duplicate + "' more "
                            + "than once; column names must be distinct (letter case aside)", e);
                }
                return new InputException("the files of " + description + " do not all have the same header: "
                        + message.strip().replaceAll("\\s*\\n\\s*", "; "), e);
            }
            Matcher reading = READING_FILE.matcher(message);
            if (reading.find()) {
                file = reading.group(1);
            } else if (t.getCause() == null && (file != null || t instanceof IllegalArgumentException)) {
                // the reader's own complaint about the data, e.g. a LibSVM index beyond the vector size
                return new InputException("cannot read " + (file != null ? file : description) + ": "
                        + withoutJobFailure(message.lines().findFirst().orElse("")), e);
            }
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    private static final Pattern READING_FILE = Pattern.compile("while reading file (\\S+?)\\.?\\s");

    /**
     * The paths as Spark should read them: each must match something, and hold data files (an empty
     * directory is no input); a path that exists as written but whose name also reads as a glob
     * ({@code data[1].csv}) is escaped so that it means itself.
     *
     * @throws InputException naming a path that matches nothing or only empty directories
     */
    private static List<String> existing(Configuration conf, List<String> paths) {
        List<String> readable = new java.util.ArrayList<>();
        for (String path : paths) {
            try {
                Path p = new Path(path);
                org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(p);
                String asRead = path;
                if ((matches == null || matches.length == 0) && fs.exists(p)) {
                    asRead = path.replaceAll("([\\\\{}\\[\\]*?])", "\\\\$1");
                    matches = new FileStatus[] {fs.getFileStatus(p)};
                }
                if (matches == null || matches.length == 0) {
                    throw new InputException("input not found: " + path);
                }
                if (java.util.Arrays.stream(matches).allMatch(match -> isEmptyDirectory(fs, match))) {
                    throw new InputException("input " + path + " holds no data files (an empty directory)");
                }
                readable.add(asRead);
            } catch (IOException e) {
                throw new InputException("cannot read input " + path + ": " + e.getMessage(), e);
            }
        }
        return readable;
    }

    /** A directory without a file that Spark reads (it skips names starting with _ or .), however deep. */
    private static boolean isEmptyDirectory(org.apache.hadoop.fs.FileSystem fs, FileStatus status) {
        if (!status.isDirectory()) {
            return false;
        }
        try {
            org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(
                    status.getPath(), true);
            while (files.hasNext()) {
                String name = files.next().getPath().getName();
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
