package io.github.sparkprop.internal.data.source;

import java.io.Serializable;

/**
 * How CSV files are read: with a header line naming the columns (else Spark's names _c0, _c1, ...)
 * and the field delimiter. Compressed files (.gz, .bz2) are read by their extension.
 */
public record CsvOptions(boolean header, String delimiter) implements Serializable {

    /** Header line and commas. */
    public static final CsvOptions DEFAULT = new CsvOptions(true, ",");

    public CsvOptions {
        if (delimiter == null || delimiter.isEmpty()) {
            throw new IllegalArgumentException("the CSV delimiter must not be empty");
        }
    }
}
