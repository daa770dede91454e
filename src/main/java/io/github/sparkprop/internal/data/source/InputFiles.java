package io.github.sparkprop.internal.data.source;

import com.univocity.parsers.csv.CsvParser;
import io.github.sparkprop.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * The data files of input paths and their columns, found through the Hadoop file system alone (no Spark job, so in
 * a second or two): whether every path matches something, which format the files are in (told by their names;
 * files of different formats in one input are refused, naming two), and the column names a reader will see (a
 * CSV's header line, named as Spark's CSV reader names it; a Parquet file's footer; LibSVM's label and features).
 * For the checks made before Spark starts: what cannot be read here is left to Spark's reader to report.
 */
public final class InputFiles {

    /** Files listed per input at most: enough to see mixed formats, few enough to stay quick. */
    private static final int LISTED = 10_000;
    /** Files whose names do not tell their format that are opened to see it, at most. */
    private static final int SNIFFED = 100;
    /** A LibSVM line: a label, then index:value pairs. */
    private static final Pattern LIBSVM_LINE = Pattern.compile("\\s*[-+]?[0-9.]+([eE][-+]?\\d+)?(\\s+\\d+:\\S+)+\\s*");

    private final InputFormat format;
    private final Path first;
    private final CsvOptions csv;
    private final Configuration conf;

    private InputFiles(InputFormat format, Path first, CsvOptions csv, Configuration conf) {
        this.format = format;
        this.first = first;
        this.csv = csv;
        this.conf = conf;
    }

    /**
     * The files of the paths.
     *
     * @param format the format asked for, or null to tell it from the file names
     * @throws InputException for a path that matches nothing, or files of different formats without a format
     */
    public static InputFiles of(List<String> paths, InputFormat format, CsvOptions csv, Configuration conf) {
        Map<InputFormat, String> byFormat = new LinkedHashMap<>();
        Path first = null;
        int sniffed = 0;
        for (String path : paths) {
            try {
                Path p = new Path(path);
                FileSystem fs = p.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(p);
                if ((matches == null || matches.length == 0) && fs.exists(p)) {
                    matches = new FileStatus[] {fs.getFileStatus(p)};
                }
                if (matches == null || matches.length == 0) {
                    throw new InputException("input not found: " + path);
                }
                boolean any = false;
                for (FileStatus match : matches) {
                    for (Path file : dataFiles(fs, match)) {
                        any = true;
                        first = first == null ? file : first;
                        byFormat.putIfAbsent(formatOf(fs, file, sniffed++ < SNIFFED), file.toString());
                    }
                }
                if (!any) {
                    throw new InputException("input " + path + " holds no data files (an empty directory)");
                }
            } catch (IOException e) {
                return new InputFiles(format, null, csv, conf); // for Spark's reader to report
            }
        }
        if (format == null && byFormat.size() > 1) {
            List<String> examples = new ArrayList<>();
            byFormat.forEach((kind, file) -> examples.add(file + " (" + kind.id() + ")"));
            throw new InputException("input " + String.join(", ", paths) + " holds files of different formats, such "
                    + "as " + String.join(" and ", examples.subList(0, 2)) + "; give the files of one format (a glob "
                    + "such as DIR/*.csv) or the format with {format}");
        }
        InputFormat actual = format != null ? format : byFormat.isEmpty() ? InputFormat.CSV
                : byFormat.keySet().iterator().next();
        return new InputFiles(actual, first, csv, conf);
    }

    /**
     * The format of a file: what its name tells (.parquet, .libsvm, .svm, .csv, .tsv, also before a compression
     * suffix) or, for a name that tells nothing (part-00000, data.txt), what its first bytes are when {@code look}:
     * Parquet's magic number, or a first line of LibSVM's label index:value pairs; else CSV.
     */
    private static InputFormat formatOf(FileSystem fs, Path file, boolean look) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        InputFormat named = InputFormat.ofName(name);
        boolean compressed = name.matches(".*\\.(gz|bz2|deflate|zst|lz4|snappy)$");
        if (named != InputFormat.CSV || !look || compressed || name.matches(".*\\.(csv|tsv)$")) {
            return named;
        }
        byte[] head = new byte[4096];
        int read;
        try (FSDataInputStream in = fs.open(file)) {
            read = in.read(head);
        } catch (IOException e) {
            return named; // for Spark's reader to report
        }
        if (read >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return InputFormat.PARQUET;
        }
        String firstLine = read <= 0 ? "" : new String(head, 0, read, StandardCharsets.UTF_8).split("\\R", 2)[0];
        return LIBSVM_LINE.matcher(firstLine).matches() ? InputFormat.LIBSVM : named;
    }

    /** The format of the files. */
    public InputFormat format() {
        return format;
    }

    /**
     * The column names a reader sees, or null when they cannot be told here (no file found, a file that cannot be
     * read, an empty one).
     */
    public List<String> columns() {
        if (first == null) {
            return null;
        }
        try {
            return switch (format) {
                case CSV -> csvHeader();
                case PARQUET -> parquetColumns();
                case LIBSVM -> List.of("label", "features");
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private List<String> csvHeader() throws IOException {
        FileSystem fs = first.getFileSystem(conf);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(first);
        try (InputStream raw = fs.open(first);
             BufferedReader lines = new BufferedReader(new InputStreamReader(codec == null ? raw
                     : codec.createInputStream(raw), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            while (line != null && line.isBlank()) {
                line = lines.readLine();
            }
            if (line == null) {
                return null;
            }
            String[] fields = new CsvParser(CsvLines.parserSettings(csv)).parseLine(line);
            return fields == null ? null : names(fields, csv.header());
        }
    }

    /**
     * The columns as Spark's CSV reader names them: a header's names, an empty one {@code _c<i>} and one that
     * repeats another (letter case aside) with its index appended; {@code _c0, _c1, ...} without a header.
     */
    static List<String> names(String[] fields, boolean header) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (String field : fields) {
            if (header && field != null && !field.isEmpty() && !seen.add(field.toLowerCase(Locale.ROOT))) {
                repeated.add(field.toLowerCase(Locale.ROOT));
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            names.add(!header || field == null || field.isEmpty() ? "_c" + i
                    : repeated.contains(field.toLowerCase(Locale.ROOT)) ? field + i : field);
        }
        return names;
    }

    private List<String> parquetColumns() throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(first, conf))) {
            return reader.getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
        }
    }

    /** The data files of a match: itself, or the files below a directory that Spark reads (not _ or . names). */
    private static List<Path> dataFiles(FileSystem fs, FileStatus match) throws IOException {
        if (!match.isDirectory()) {
            return List.of(match.getPath());
        }
        List<Path> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> listed = fs.listFiles(match.getPath(), true);
        while (listed.hasNext() && files.size() < LISTED) {
            Path file = listed.next().getPath();
            if (readable(match.getPath(), file)) {
                files.add(file);
            }
        }
        return files;
    }

    /** Whether no part of a file's path below the directory starts with _ or . (Spark skips those). */
    private static boolean readable(Path directory, Path file) {
        for (Path p = file; p != null && !p.equals(directory); p = p.getParent()) {
            if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
