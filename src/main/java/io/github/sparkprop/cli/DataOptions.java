package io.github.sparkprop.cli;

import io.github.sparkprop.InputException;
import io.github.sparkprop.data.CsvOptions;
import io.github.sparkprop.data.InputFormat;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say which data to read and how. */
public final class DataOptions {

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Input data: CSV (.csv, .csv.gz, .csv.bz2), Parquet or LibSVM; a file, a directory of "
                    + "part files or a glob ({a,b} included), on any Hadoop file system (file://, hdfs://, s3a://). "
                    + "Repeat --input for several.")
    List<String> input;

    @Option(names = "--format", paramLabel = "csv|parquet|libsvm",
            description = "The input format. Default: from the file names (.parquet, .libsvm or .svm; else csv).")
    String format;

    @Option(names = "--no-header", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "The CSV has no header line; columns are then _c0, _c1, ...")
    boolean noHeader;

    @Option(names = "--csv-delimiter", paramLabel = "C", defaultValue = ",",
            description = "The CSV field delimiter. Default: ${DEFAULT-VALUE}")
    String delimiter;

    @Option(names = "--handle-invalid", paramLabel = "error|skip", defaultValue = "error",
            description = "What to do with a row with a missing value (unless imputed), a value its column cannot "
                    + "take (not a number, not a date, a category the model has not seen), a NaN or infinite value "
                    + "or the wrong number of fields: error (stop, naming file, line, column and value) or skip (drop "
                    + "and count it). Default: ${DEFAULT-VALUE}")
    String handleInvalid;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions to spread the data over (0: the input's; for training at least Spark's "
                    + "default parallelism; at most 1,000,000). Default: ${DEFAULT-VALUE}")
    int partitions;

    /** Whether invalid rows are dropped (--handle-invalid skip) rather than fatal. */
    boolean skipInvalid() {
        return switch (handleInvalid) {
            case "error" -> false;
            case "skip" -> true;
            default -> throw new InputException("--handle-invalid must be error or skip, got '" + handleInvalid + "'");
        };
    }

    /** The --format, or null to infer it from the file names. */
    InputFormat format() {
        try {
            return format == null ? null : InputFormat.fromId(format);
        } catch (IllegalArgumentException e) {
            throw new InputException("--format: " + e.getMessage());
        }
    }

    CsvOptions csv() {
        return new CsvOptions(!noHeader, delimiter);
    }
}
