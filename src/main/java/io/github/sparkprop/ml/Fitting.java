package io.github.sparkprop.ml;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.train.RunSettings;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.internal.train.TrainingSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;

/**
 * What {@code fit} does for sparkprop's estimators: binds the params to a {@link TrainingSpec} (the DataFrame's
 * rows, the validation indicator's rows as validation rows, each fit's checkpoints in a directory of its own)
 * and runs the core's {@link TrainingJob}. Core errors come back as IllegalArgumentException in the params'
 * words.
 */
final class Fitting {

    private Fitting() {
    }

    /** A trained model and what its training went through. */
    record Fitted(io.github.sparkprop.internal.model.Model model, TrainingSummary summary) {
    }

    /**
     * @param classes the number of classes, labels 0 .. classes - 1 (0 for regression)
     * @throws IllegalArgumentException for params or data the run cannot take, naming the params
     */
    static Fitted fit(Dataset<?> dataset, SparkPropParams<?> params, String featuresCol, String labelCol, Task task,
            int classes) {
        try {
            TrainingSpec spec = TrainingSpec.ofFrame(dataset.toDF(), classes, params.paramSet().values(params)
                    .with(RunSettings.LABEL, labelCol).with(RunSettings.FEATURES, List.of(featuresCol))
                    .with(RunSettings.TASK, task.id()));
            try (TrainingJob job = TrainingJob.prepare(dataset.sparkSession(), spec)) {
                TrainingResult result = job.run();
                return new Fitted(result.model(), new TrainingSummary(result.run().history(),
                        result.run().stopReason(), result.run().converged(), result.warning(), result.training(),
                        result.validation()));
            }
        } catch (InputException e) {
            throw new IllegalArgumentException(e.render(SparkPropParamSet.names()), e);
        }
    }
}
