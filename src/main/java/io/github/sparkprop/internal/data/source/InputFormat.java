package io.github.sparkprop.internal.data.source;

import java.util.Locale;

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

    /** The format a file name tells: .parquet, .libsvm or .svm (also before a compression suffix), else CSV. */
    static InputFormat ofName(String name) {
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
