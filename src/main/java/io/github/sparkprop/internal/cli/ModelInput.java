package io.github.sparkprop.internal.cli;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.LabelEncoder;
import io.github.sparkprop.internal.data.source.InputFiles;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.model.Model;
import java.util.List;

/** How the commands that use a saved model (predict, evaluate) read data: the model's columns, classes, scaler. */
final class ModelInput {

    private ModelInput() {
    }

    /** The label column: the one asked for, else the one the model was trained with, else "label". */
    static String labelColumn(Model model, String requested) {
        if (requested != null) {
            return requested;
        }
        return model.training() != null && model.training().hasNonNull("label")
                ? model.training().get("label").asText() : "label";
    }

    /**
     * Checks before Spark starts that the input exists in one format and has the model's input columns (and the
     * label to read), by names and paths alone ({@link InputFiles}).
     *
     * @param label the label column to read, or null
     */
    static void preflight(Model model, DataOptions data, String label, org.apache.hadoop.conf.Configuration conf) {
        InputFiles files = InputFiles.of(data.input(), data.format(), data.csv(), conf);
        List<String> columns = files.format() == InputFormat.LIBSVM ? null : files.columns();
        if (columns == null) {
            return;
        }
        String description = String.join(", ", data.input());
        if (label != null && !columns.contains(label)) {
            throw new InputException(DataLoader.labelNotFound(label, columns, description));
        }
        if (model.inputColumns() != null) {
            for (String column : model.inputColumns()) {
                if (!columns.contains(column)) {
                    throw new InputException("the model reads column '" + column + "', which " + description
                            + " does not have" + DidYouMean.hint(column, columns) + " (its columns are "
                            + String.join(", ", columns.subList(0, Math.min(12, columns.size())))
                            + (columns.size() > 12 ? ", ..." : "") + ")");
                }
            }
        }
    }

    /**
     * The data spec for reading data with the model's input encoding (or vector size), classes and scaler.
     *
     * @param label the label column to read, or null not to read labels (prediction)
     */
    static DataSpec dataSpec(Model model, DataOptions data, String label) {
        LabelEncoder encoder = model.task() == Task.CLASSIFICATION ? LabelEncoder.ofLabels(model.labels()) : null;
        return DataSpec.of(data.input()).format(data.format()).csv(data.csv()).label(label)
                .features(model.vectorColumn() != null ? List.of(model.vectorColumn()) : null).task(model.task())
                .encoder(encoder).scaler(model.scaler()).handleInvalid(data.handleInvalid())
                .partitions(data.partitions())
                .libsvmFeatures(model.vectorColumn() != null ? model.network().inputSize() : 0).rowIds(false)
                .encoding(model.encoding()).build();
    }
}
