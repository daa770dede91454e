package io.github.sparkprop.internal.data;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.data.source.CsvOptions;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.Setting.Face;
import io.github.sparkprop.internal.optim.Setting.Range;
import io.github.sparkprop.internal.optim.SettingValues;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The settings that say which files to read and how, declared once for every command that reads files (train,
 * predict, evaluate); the Spark ML face reads DataFrames and offers none of them.
 */
public final class DataSettings {

    /** The format choice that infers the format from the file names. */
    public static final String AUTO = "auto";

    public static final Setting INPUT = Setting.paths("input", "PATH", "Input data: CSV (.csv, .csv.gz, .csv.bz2), "
            + "Parquet or LibSVM; a file, a directory of part files or a glob ({a,b} included), on any Hadoop file "
            + "system (file://, hdfs://, s3a://); several paths for several inputs.").only(Face.COMMAND_LINE);
    public static final Setting FORMAT = Setting.choice("format", AUTO, Stream.concat(Stream.of(AUTO),
            Arrays.stream(InputFormat.values()).map(InputFormat::id)).toList(),
            "The input format; auto: from the file names (.parquet, .libsvm or .svm; else csv).")
            .only(Face.COMMAND_LINE);
    public static final Setting HEADER = Setting.flag("header", true,
            "The CSV's first line names its columns; without one, the columns are _c0, _c1, ...")
            .only(Face.COMMAND_LINE);
    public static final Setting CSV_DELIMITER = Setting.text("csvDelimiter", ",", "C", "The CSV field delimiter.")
            .only(Face.COMMAND_LINE);
    public static final Setting HANDLE_INVALID = Setting.choice("handleInvalid", HandleInvalid.DEFAULT_ID,
            Stream.of(HandleInvalid.KEEP, HandleInvalid.SKIP, HandleInvalid.ERROR).map(HandleInvalid::id).toList(),
            "keep: a gap (an empty field, NA, N/A, NaN, NULL) is filled in (see impute; a missing category is a "
                    + "category of its own) and a category not seen in training is scored as none of the known ones, "
                    + "both counted in the log; any other invalid value (text in a numeric column, an infinite value, "
                    + "a missing label, a row of the wrong width) stops the run, naming file, line, column and value. "
                    + "skip: the same, but rows with such values are dropped and counted. error: the strict reading, "
                    + "where gaps and unseen categories stop the run too.").only(Face.COMMAND_LINE);
    public static final Setting PARTITIONS = Setting.integer("partitions", 0,
            Range.between(0, DataSpec.MAX_PARTITIONS), "N", "Partitions to spread the data over (0: the input's; for "
                    + "training at least Spark's default parallelism; at most 1,000,000).")
            .runtime().only(Face.COMMAND_LINE);

    private DataSettings() {
    }

    /** The settings of reading files, under their heading. */
    public static Setting.Section section() {
        return new Setting.Section("Data", List.of(INPUT, FORMAT, HEADER, CSV_DELIMITER, HANDLE_INVALID, PARTITIONS));
    }

    /**
     * The input paths, refused when there are none.
     *
     * @throws SettingException naming {@code input}
     */
    public static List<String> requireInput(List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new SettingException("input", "{input} is missing: name the data to read (files, directories or "
                    + "globs)");
        }
        return paths;
    }

    /** The format the values ask for, or null to infer it from the file names. */
    public static InputFormat format(SettingValues values) {
        String format = values.choice(FORMAT);
        return format.equals(AUTO) ? null : InputFormat.fromId(format);
    }

    /** How the CSV files of the values are read. */
    public static CsvOptions csv(SettingValues values) {
        return new CsvOptions(values.flag(HEADER), values.text(CSV_DELIMITER));
    }

    /** What the values ask to do with invalid values. */
    public static HandleInvalid handleInvalid(SettingValues values) {
        return HandleInvalid.fromId(values.choice(HANDLE_INVALID));
    }
}
