package io.github.sparkprop.cli;

import io.github.sparkprop.Task;
import io.github.sparkprop.data.ColumnChoice;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.HoldOut;
import io.github.sparkprop.data.LabelEncoder;
import io.github.sparkprop.model.Model;
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
     * The data spec for reading data with the model's input encoding (or vector size), classes and scaler.
     *
     * @param label the label column to read, or null not to read labels (prediction)
     */
    static DataSpec dataSpec(Model model, DataOptions data, String label) {
        LabelEncoder encoder = model.task() == Task.CLASSIFICATION ? LabelEncoder.ofLabels(model.labels()) : null;
        return new DataSpec(data.input, data.format(), data.csv(), label,
                model.vectorColumn() != null ? List.of(model.vectorColumn()) : null, null, model.task(), encoder,
                model.scaler(), false, data.skipInvalid(), data.partitions, HoldOut.NONE, null,
                model.vectorColumn() != null ? model.network().inputSize() : 0, false, ColumnChoice.DEFAULT,
                model.encoding());
    }
}
