package io.github.sparkprop.internal.data.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Finds the line of a file that holds its N-th record, for error messages: Spark's CSV reader passes over
 * blank lines, so a record's index is not its line number. Only used once a bad row has been found.
 */
final class LineLocator {

    private LineLocator() {
    }

    /**
     * The 1-based line number of data record {@code record} (0-based, header excluded) of a file, reading
     * compressed files through their codec; -1 when the file cannot be read or is shorter.
     *
     * @param file     the file's URI, as Spark names it
     * @param comments whether lines starting with # are comments that hold no record (LibSVM)
     */
    static long lineOf(Configuration conf, String file, long record, boolean header, boolean comments) {
        Path path;
        try {
            path = new Path(new URI(file));
        } catch (URISyntaxException e) {
            return -1;
        }
        try (BufferedReader reader = lines(conf, path)) {
            long line = 0;
            long seen = header ? -1 : 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (CsvLines.isBlank(text) || (comments && text.trim().startsWith("#"))) {
                    continue;
                }
                if (seen == record) {
                    return line;
                }
                seen++;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The lines of a file, read through its compression codec (by extension) when it has one. */
    private static BufferedReader lines(Configuration conf, Path file) throws IOException {
        InputStream raw = file.getFileSystem(conf).open(file);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        return new BufferedReader(new InputStreamReader(codec == null ? raw : codec.createInputStream(raw),
                StandardCharsets.UTF_8));
    }

    /**
     * The first line of LibSVM files that Spark's reader refuses, as "FILE line N: what is wrong", or null: a
     * second look, only after a read failed, since Spark's error names neither file nor line. A line is
     * {@code label index:value ...}, split on single spaces, a number as label and values, indices from 1 and
     * ascending; blank lines and lines starting with # hold no record.
     */
    static String firstLibsvmProblem(Configuration conf, List<String> paths) {
        for (String pattern : paths) {
            try {
                Path glob = new Path(pattern);
                org.apache.hadoop.fs.FileSystem fs = glob.getFileSystem(conf);
                org.apache.hadoop.fs.FileStatus[] matches = fs.globStatus(glob);
                for (org.apache.hadoop.fs.FileStatus match : matches == null ? new org.apache.hadoop.fs.FileStatus[0]
                        : matches) {
                    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
                            fs.listFiles(match.getPath(), true);
                    while (files.hasNext()) {
                        Path file = files.next().getPath();
                        if (file.getName().startsWith("_") || file.getName().startsWith(".")) {
                            continue;
                        }
                        String problem = libsvmProblem(conf, file);
                        if (problem != null) {
                            return file + " " + problem;
                        }
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static String libsvmProblem(Configuration conf, Path file) throws IOException {
        try (BufferedReader reader = lines(conf, file)) {
            long line = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                String record = text.trim();
                if (record.isEmpty() || record.startsWith("#")) {
                    continue;
                }
                String problem = libsvmRecordProblem(record);
                if (problem != null) {
                    return "line " + line + ": " + problem;
                }
            }
        }
        return null;
    }

    /** What Spark's LibSVM parser would refuse in one record, or null. */
    private static String libsvmRecordProblem(String record) {
        String[] items = record.split(" ");
        if (!isDouble(items[0])) {
            return "label '" + items[0] + "' is not a number";
        }
        long previous = 0;
        for (int k = 1; k < items.length; k++) {
            String[] pair = items[k].split(":");
            if (pair.length != 2) {
                return "'" + items[k] + "' is not index:value (items are separated by single spaces)";
            }
            long index;
            try {
                index = Long.parseLong(pair[0]);
            } catch (NumberFormatException e) {
                return "index '" + pair[0] + "' in '" + items[k] + "' is not an integer";
            }
            if (index > Integer.MAX_VALUE) {
                return "index " + index + " in '" + items[k] + "' is larger than " + Integer.MAX_VALUE;
            }
            if (index <= previous) {
                return "index " + index + " in '" + items[k] + "' is not above the one before (" + previous
                        + "): indices start at 1 and ascend";
            }
            if (!isDouble(pair[1])) {
                return "value '" + pair[1] + "' in '" + items[k] + "' is not a number";
            }
            previous = index;
        }
        return null;
    }

    private static boolean isDouble(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
