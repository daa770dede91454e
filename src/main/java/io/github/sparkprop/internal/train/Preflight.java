package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.FeatureColumns;
import io.github.sparkprop.internal.data.source.InputFiles;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.model.AtomicDirectory;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.train.TrainingSpec.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The checks of a training run from files that need only names and paths, made through the Hadoop file system
 * before Spark starts, so that a typo is answered in seconds: every input, validation and test path exists and
 * holds files of one format; the label, weight, feature, categorical and excluded columns are in the input's
 * header (in the test and validation files' too, for the label); a model to start from is whole. What cannot be
 * told here (a file system that needs Spark's settings, a header that cannot be read) is left to the run.
 */
public final class Preflight {

    private Preflight() {
    }

    /** Checkpoints written into an input would be read as its data by the next run (the resume among them). */
    private static void requireCheckpointsApart(String checkpoints, Files files, Configuration conf) {
        if (checkpoints == null) {
            return;
        }
        for (List<String> paths : java.util.Arrays.asList(files.paths(), files.validation(), files.test())) {
            for (String path : paths == null ? List.<String>of() : paths) {
                try {
                    if (AtomicDirectory.overlap(checkpoints, path, conf)) {
                        throw new InputException("{checkpointDir} " + checkpoints + " and the input " + path
                                + " overlap: checkpoints written there would be read as data; give {checkpointDir}"
                                + " a directory of its own");
                    }
                } catch (java.io.IOException e) {
                    return; // an input that cannot be read is reported as the data are read
                }
            }
        }
    }

    /**
     * @throws InputException for the first mistake found, naming the setting, the path or the column (with the
     *                        closest column name)
     */
    public static void check(TrainingSpec spec, Configuration conf) {
        if (spec.initModel() != null) {
            ModelStore.load(spec.initModel(), conf);
        }
        if (!(spec.source() instanceof Files files)) {
            return;
        }
        requireCheckpointsApart(spec.checkpoints().dir(), files, conf);
        TrainingSpec.Columns columns = spec.columns();
        List<String> header = columns(files.paths(), files, conf);
        if (header != null) {
            String description = String.join(", ", files.paths());
            if (!header.contains(columns.label())) {
                throw new InputException(DataLoader.labelNotFound(columns.label(), header, description));
            }
            List<String> named = new ArrayList<>();
            if (columns.weight() != null) {
                FeatureColumns.requireColumns(List.of(columns.weight()), header, description, "weight");
            }
            if (columns.features() != null) {
                named.addAll(columns.features());
                FeatureColumns.requireColumns(columns.features(), header, description, "features");
            }
            FeatureColumns.requireColumns(columns.choice().categorical(), header, description, "categorical");
            FeatureColumns.requireColumns(columns.choice().exclude(), header, description, "exclude");
        }
        for (List<String> heldOut : java.util.Arrays.asList(files.validation(), files.test())) {
            if (heldOut != null) {
                List<String> heldOutHeader = columns(heldOut, files, conf);
                if (heldOutHeader != null && !heldOutHeader.contains(columns.label())) {
                    throw new InputException(DataLoader.labelNotFound(columns.label(), heldOutHeader,
                            String.join(", ", heldOut)));
                }
            }
        }
    }

    /** The columns of some paths read as the run reads them, or null when they cannot be told here. */
    private static List<String> columns(List<String> paths, Files files, Configuration conf) {
        InputFiles found = InputFiles.of(paths, files.format(), files.csv(), conf);
        return found.format() == InputFormat.LIBSVM ? null : found.columns();
    }
}
