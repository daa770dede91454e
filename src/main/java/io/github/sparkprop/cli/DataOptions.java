package io.github.sparkprop.cli;

import io.github.sparkprop.InputException;
import io.github.sparkprop.data.CsvOptions;
import io.github.sparkprop.data.HandleInvalid;
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

    @Option(names = "--handle-invalid", paramLabel = "keep|skip|error", defaultValue = HandleInvalid.DEFAULT_ID,
            description = "keep: a gap (an empty field, NA, N/A, NaN, NULL) is filled in (see --impute; a missing "
                    + "category is a category of its own) and a category not seen in training is scored as none of "
                    + "the known ones, both counted in the log; any other invalid value (text in a numeric column, an "
                    + "infinite value, a missing label, a row of the wrong width) stops the run, naming file, line, "
                    + "column and value. skip: the same, but rows with such values are dropped and counted. error: the "
                    + "strict reading, where gaps and unseen categories stop the run too. Default: ${DEFAULT-VALUE}")
    String handleInvalid;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions to spread the data over (0: the input's; for training at least Spark's "
                    + "default parallelism; at most 1,000,000). Default: ${DEFAULT-VALUE}")
    int partitions;

    /** What --handle-invalid asks for. */
    HandleInvalid handleInvalid() {
        return HandleInvalid.fromId(handleInvalid);
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
