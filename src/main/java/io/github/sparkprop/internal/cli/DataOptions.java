package io.github.sparkprop.internal.cli;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.data.DataSettings;
import io.github.sparkprop.internal.data.HandleInvalid;
import io.github.sparkprop.internal.data.source.CsvOptions;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.TrainingSpec;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which files a command that uses a saved model reads and how (predict, evaluate): the core's data settings as the
 * command line gave them, checked.
 *
 * @param values the data settings' values
 */
record DataOptions(SettingValues values) {

    /** Adds the data settings' options to a command. */
    static void install(CommandSpec spec) {
        SettingOptions.install(spec, List.of(DataSettings.section()));
    }

    /**
     * The data options a command was given.
     *
     * @throws SettingException for a value a setting does not allow, or no input
     */
    static DataOptions of(CommandSpec spec) {
        SettingValues values = SettingOptions.values(spec, List.of(DataSettings.section()));
        TrainingSpec.requireValid(values, DataSettings.section().settings());
        DataSettings.requireInput(values.list(DataSettings.INPUT));
        return new DataOptions(values);
    }

    /** The input paths. */
    List<String> input() {
        return values.list(DataSettings.INPUT);
    }

    /** The input format, or null to infer it from the file names. */
    InputFormat format() {
        return DataSettings.format(values);
    }

    CsvOptions csv() {
        return DataSettings.csv(values);
    }

    HandleInvalid handleInvalid() {
        return DataSettings.handleInvalid(values);
    }

    /** Partitions to spread the data over (0: the input's). */
    int partitions() {
        return values.integer(DataSettings.PARTITIONS);
    }
}
