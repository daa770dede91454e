package io.github.sparkprop.data;

import io.github.sparkprop.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Input rows as Spark's CSV reader gives them, every data column as a string, followed by three columns
 * of provenance: the raw record when the row had the wrong number of fields (else null), the file and
 * the byte offset of the file split the row came from.
 *
 * @param rows        the rows
 * @param columns     the data columns, in file order
 * @param description the input paths, for messages
 * @param options     how the CSV was read
 */
public record Table(Dataset<Row> rows, List<String> columns, String description, CsvOptions options) {

    /**
     * The rows as Spark's internal rows: no conversion to {@code Row} objects, which costs seconds for wide
     * data. A row object is reused by its iterator, so read it before taking the next.
     */
    public static JavaRDD<InternalRow> internalRows(Dataset<Row> rows) {
        return rows.queryExecution().toRdd().toJavaRDD();
    }

    static final String MALFORMED = "__sparkprop_malformed";

    /** Index of the raw-record column (null unless the row's field count was wrong). */
    public int malformedIndex() {
        return columns.size();
    }

    /** Index of the source file column. */
    public int fileIndex() {
        return columns.size() + 1;
    }

    /** Index of the split-offset column. */
    public int splitIndex() {
        return columns.size() + 2;
    }

    /**
     * Reads CSV files through Spark's reader. Each path may be a file, a directory of part files or a glob,
     * on any Hadoop file system.
     *
     * @throws InputException when a path matches nothing or the input has no columns
     */
    public static Table readCsv(SparkSession spark, List<String> paths, CsvOptions options) {
        String description = String.join(", ", paths);
        requireExisting(spark.sparkContext().hadoopConfiguration(), paths);
        String[] pathArray = paths.toArray(new String[0]);
        StructType header = spark.read()
                .option("header", options.header())
                .option("delimiter", options.delimiter())
                .csv(pathArray)
                .schema();
        if (header.fields().length == 0) {
            throw new InputException("input " + description + " is empty: no header and no rows");
        }
        StructType schema = new StructType();
        List<String> columns = new ArrayList<>(Arrays.asList(header.fieldNames()));
        for (String column : columns) {
            schema = schema.add(column, DataTypes.StringType);
        }
        schema = schema.add(MALFORMED, DataTypes.StringType);
        Dataset<Row> rows = spark.read()
                .option("header", options.header())
                .option("delimiter", options.delimiter())
                .option("enforceSchema", false) // every file's header must name the same columns, in order
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", MALFORMED)
                .schema(schema)
                .csv(pathArray)
                .select(functions.col("*"), functions.col("_metadata.file_path"),
                        functions.col("_metadata.file_block_start"));
        return new Table(rows, List.copyOf(columns), description, options);
    }

    /**
     * The number of records in each file split (file -&gt; split start offset -&gt; records), counted in a pass
     * that parses no column: what the stable row ids are made of.
     */
    Map<String, TreeMap<Long, Long>> recordsPerSplit() {
        Map<String, TreeMap<Long, Long>> records = new HashMap<>();
        for (Row count : rows.groupBy("file_path", "file_block_start").count().collectAsList()) {
            records.computeIfAbsent(count.getString(0), f -> new TreeMap<>()).put(count.getLong(1), count.getLong(2));
        }
        return records;
    }

    /**
     * The user's error behind a failed read: part files whose headers differ become an
     * {@link InputException} naming the file; anything else is rethrown as it is.
     */
    static RuntimeException explain(Exception e, String description) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.startsWith("CSV header does not conform to the schema")) {
                return new InputException("the files of " + description + " do not all have the same header: "
                        + message.strip().replaceAll("\\s*\\n\\s*", "; "), e);
            }
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    private static void requireExisting(Configuration conf, List<String> paths) {
        for (String path : paths) {
            try {
                Path p = new Path(path);
                FileStatus[] matches = p.getFileSystem(conf).globStatus(p);
                if (matches == null || matches.length == 0) {
                    throw new InputException("input not found: " + path);
                }
            } catch (IOException e) {
                throw new InputException("cannot read input " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
