package io.github.sparkprop.data;

import io.github.sparkprop.InputException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The input formats, read by Spark's own readers. */
public enum InputFormat {
    /** Text with a header line (or not), any delimiter, quoted fields, gzip or bzip2 by extension. */
    CSV,
    /** Parquet: numeric columns and Spark ML vector columns. */
    PARQUET,
    /** LibSVM text: {@code label index:value ...} with 1-based indices, read as a sparse vector column. */
    LIBSVM;

    /** The name on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputFormat fromId(String id) {
        for (InputFormat format : values()) {
            if (format.id().equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "'; valid: csv, parquet, libsvm");
    }

    /**
     * The format of the first path, from its file name (or, for a directory, its part files' names):
     * {@code .parquet} is Parquet, {@code .libsvm} or {@code .svm} LibSVM, anything else CSV.
     */
    public static InputFormat infer(List<String> paths, Configuration conf) {
        try {
            Path path = new Path(paths.get(0));
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                return ofName(path.getName());
            }
            FileStatus first = matches[0];
            // a directory: its first data file, also below partition directories (year=2024/...)
            while (first.isDirectory()) {
                FileStatus next = null;
                for (FileStatus child : fs.listStatus(first.getPath())) {
                    String name = child.getPath().getName();
                    if (!name.startsWith("_") && !name.startsWith(".")) {
                        next = child;
                        break;
                    }
                }
                if (next == null) {
                    return CSV;
                }
                first = next;
            }
            return ofName(first.getPath().getName());
        } catch (IOException e) {
            throw new InputException("cannot read input " + paths.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static InputFormat ofName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet") || lower.contains(".parquet.")) {
            return PARQUET;
        }
        if (lower.endsWith(".libsvm") || lower.endsWith(".svm") || lower.contains(".libsvm.")) {
            return LIBSVM;
        }
        return CSV;
    }
}
