package io.github.sparkprop.internal.data.source;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import io.github.sparkprop.InputException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.InputFileBlockHolder;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * CSV files read as lines of text (Spark's text source) and parsed in the tasks by the tokenizer of Spark's CSV
 * reader, set up as Spark sets it up ({@code CSVOptions.asParserSettings}), each field a string as Spark's
 * reader gives it (an empty field is null). Spark's CSV source costs time per column in every task of every
 * pass: it generates a projection of all the columns, sets up its parser in time that grows with the square of
 * the columns, and copies each row through per-field lookups; for 5,000 columns that was about half a second a
 * task (the README's load benchmark has the figures). The lines are taken as Spark's CSV source takes them: a
 * line that is empty once trimmed holds no record, and with a header the first other line of each file is that
 * file's header, checked as Spark's header checker checks it to name the columns of the first file, in order (letter
 * case aside). {@code CSVOptions} is Spark's internal class, tied to the Spark version this project builds with.
 */
final class CsvLines implements Serializable {

    private final StructType columns;
    private final CSVOptions parsing;

    /**
     * @param columns the data columns, as the first file's header names them
     * @param options how the files are read
     */
    CsvLines(StructType columns, CsvOptions options) {
        this.columns = columns;
        this.parsing = sparkOptions(options);
    }

    /**
     * The most fields a line may have: Spark's reader stops at 20,480 (its maxColumns) with an index out of bounds;
     * wide tables (genes, pixels, one-hot exports) have more. The tokenizer keeps an array of this many fields.
     */
    static final int MAX_COLUMNS = 1 << 20;

    /** Spark's CSV reading options for ours. */
    private static CSVOptions sparkOptions(CsvOptions options) {
        return new CSVOptions(scala.collection.immutable.Map$.MODULE$.from(
                scala.jdk.javaapi.CollectionConverters.asScala(Map.of("header", Boolean.toString(options.header()),
                        "delimiter", options.delimiter(), "enforceSchema", "false",
                        "maxColumns", Integer.toString(MAX_COLUMNS)))), true, "UTC");
    }

    /** The settings of Spark's CSV tokenizer for our options, to parse a line as Spark's reader does. */
    static com.univocity.parsers.csv.CsvParserSettings parserSettings(CsvOptions options) {
        return sparkOptions(options).asParserSettings();
    }

    /**
     * The records of the files as lines: every line of text that is not blank and not a file's header, in file
     * order within each split, so that Spark's file scan names the file and split of each as it is read.
     */
    JavaRDD<String> records(SparkSession spark, String[] paths) {
        return spark.read().textFile(paths).javaRDD().mapPartitions(this::records);
    }

    /**
     * The records parsed by Spark's CSV tokenizer, with Spark's settings, into rows of the data columns (all
     * strings; an empty field is null) and a last column that holds the text of a record with the wrong number of
     * fields (else null).
     */
    JavaRDD<InternalRow> rows(JavaRDD<String> records) {
        return records.mapPartitions(this::rows);
    }

    private Iterator<InternalRow> rows(Iterator<String> records) {
        CsvParser tokenizer = new CsvParser(parsing.asParserSettings());
        int width = columns.size();
        String nullValue = parsing.nullValue();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public InternalRow next() {
                String record = records.next();
                String[] fields = parse(tokenizer, record);
                Object[] values = new Object[width + 1];
                int n = fields == null ? 0 : Math.min(fields.length, width);
                for (int k = 0; k < n; k++) {
                    String field = fields[k];
                    values[k] = field == null || field.equals(nullValue) ? null : UTF8String.fromString(field);
                }
                if (fields == null || fields.length != width) {
                    values[width] = UTF8String.fromString(record);
                }
                return new GenericInternalRow(values);
            }
        };
    }

    /** The fields of a line, refused with the limit when it has more than {@link #MAX_COLUMNS}. */
    static String[] parse(CsvParser tokenizer, String line) {
        try {
            return tokenizer.parseLine(line);
        } catch (TextParsingException e) {
            if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
                throw new InputException("a line has more than " + MAX_COLUMNS + " fields, the most sparkprop reads "
                        + "in a row of a CSV file", e);
            }
            throw e;
        }
    }

    private Iterator<String> records(Iterator<String> lines) {
        return new Records(lines);
    }

    /** Whether Spark's CSV reader passes over a line: empty once trimmed as Java and Scala trim. */
    static boolean isBlank(String line) {
        return line.trim().isEmpty();
    }

    /**
     * Checks a file's header against the columns, as Spark's header checker does (names in order, letter case
     * aside), but for an empty name, which Spark's reader names {@code _c<i>} (R and pandas write an empty header
     * over the row numbers); reports a mismatch in the words of Spark's checker.
     */
    private void checkHeader(String line, UTF8String file) {
        String[] header = parse(new CsvParser(parsing.asParserSettings()), line);
        String[] names = columns.fieldNames();
        int width = header == null ? 0 : header.length;
        for (int i = 0; i < Math.max(width, names.length); i++) {
            String found = i < width ? (header[i] == null ? "" : header[i]) : null;
            String expected = i < names.length ? names[i] : null;
            boolean same = found != null && expected != null && (found.equalsIgnoreCase(expected)
                    || found.isEmpty() && expected.equals("_c" + i));
            if (!same) {
                throw new IllegalArgumentException("CSV header does not conform to the schema.\n Header: "
                        + String.join(", ", java.util.Arrays.stream(header == null ? new String[0] : header)
                                .map(h -> h == null ? "" : h).toList()) + "\n Schema: " + String.join(", ", names)
                        + "\nExpected: " + expected + " but found: " + found + "\nCSV file: " + file);
            }
        }
    }

    /** The records of one partition's lines. */
    private final class Records implements Iterator<String> {
        private final Iterator<String> lines;
        private String next;
        private UTF8String file;
        private long split = -1;
        private boolean headerDue;

        Records(Iterator<String> lines) {
            this.lines = lines;
        }

        @Override
        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                String line = lines.next();
                UTF8String lineFile = InputFileBlockHolder.getInputFilePath();
                long lineSplit = InputFileBlockHolder.getStartOffset();
                if (lineFile != file || lineSplit != split) {
                    file = lineFile;
                    split = lineSplit;
                    headerDue = parsing.headerFlag() && lineSplit == 0;
                }
                if (isBlank(line)) {
                    continue;
                }
                if (headerDue) {
                    headerDue = false;
                    checkHeader(line, file);
                    continue;
                }
                next = line;
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String line = next;
            next = null;
            return line;
        }
    }
}
