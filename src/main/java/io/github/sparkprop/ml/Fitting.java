package io.github.sparkprop.ml;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.train.CandidatesJob;
import io.github.sparkprop.internal.train.RunSettings;
import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.internal.train.TrainingResult;
import io.github.sparkprop.internal.train.TrainingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToIntBiFunction;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What {@code fit} does for sparkprop's estimators: binds the params to a {@link TrainingSpec} (the DataFrame's
 * rows, the validation indicator's rows as validation rows, each fit's checkpoints in a directory of its own)
 * and runs the core's {@link TrainingJob}, or, for several param maps, its {@link CandidatesJob}. Core errors come back as IllegalArgumentException in the params'
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
        try (TrainingJob job = TrainingJob.prepare(dataset.sparkSession(),
                spec(dataset.toDF(), params, featuresCol, labelCol, task, classes))) {
            return fitted(job.run());
        } catch (InputException e) {
            throw new IllegalArgumentException(e.render(SparkPropParamSet.names()), e);
        }
    }

    /** @param rows the rows; specs of the same DataFrame object read their data once together */
    private static TrainingSpec spec(Dataset<Row> rows, SparkPropParams<?> params, String featuresCol,
            String labelCol, Task task, int classes) {
        return TrainingSpec.ofFrame(rows, classes, params.paramSet().values(params)
                .with(RunSettings.LABEL, labelCol).with(RunSettings.FEATURES, List.of(featuresCol))
                .with(RunSettings.TASK, task.id()));
    }

    private static Fitted fitted(TrainingResult result) {
        return new Fitted(result.model(), new TrainingSummary(result.run().history(), result.run().stopReason(),
                result.run().converged(), result.warning(), result.training(), result.validation()));
    }

    /**
     * What an estimator's multi-map {@code fit(dataset, paramMaps)} does: one copy of the estimator per map, all
     * trained together ({@link CandidatesJob}: one cached data set per distinct reading, one Spark job a round),
     * each model as {@code fit(dataset, paramMap)} would return it.
     *
     * @param classes the number of classes of a copy's label column on the dataset (0 for regression)
     * @param model   the model of a copy and what its training gave
     * @throws IllegalArgumentException for params or data a run cannot take, and when a candidate failed (its
     *                                  loss diverged), naming its param map, as fitting it alone would
     */
    static <E extends Predictor<Vector, E, M> & SparkPropParams<E>, M extends PredictionModel<Vector, M>>
            scala.collection.immutable.Seq<M> fitAll(E estimator, Dataset<?> dataset,
            scala.collection.immutable.Seq<ParamMap> paramMaps, Task task, ToIntBiFunction<E, Dataset<?>> classes,
            BiFunction<E, Fitted, M> model) {
        List<E> estimators = new ArrayList<>();
        CollectionConverters.asJava(paramMaps).forEach(map -> estimators.add(estimator.copy(map)));
        Map<List<String>, Dataset<Row>> casted = new HashMap<>();
        List<TrainingSpec> specs = new ArrayList<>();
        for (E copy : estimators) {
            copy.transformSchema(dataset.schema());
            String weight = copy.isDefined(copy.weightCol()) ? copy.getOrDefault(copy.weightCol()) : "";
            Dataset<Row> rows = casted.computeIfAbsent(List.of(copy.getLabelCol(), weight),
                    columns -> doubles(dataset, columns)); // one DataFrame for the copies that read the same
            specs.add(spec(rows, copy, copy.getFeaturesCol(), copy.getLabelCol(), task, classes.applyAsInt(copy,
                    rows)));
        }
        List<CandidatesJob.Outcome> outcomes;
        try (CandidatesJob job = CandidatesJob.prepare(dataset.sparkSession(), specs)) {
            outcomes = job.run();
        } catch (InputException e) {
            throw new IllegalArgumentException(e.render(SparkPropParamSet.names()), e);
        }
        List<M> models = new ArrayList<>();
        for (int k = 0; k < estimators.size(); k++) {
            CandidatesJob.Outcome outcome = outcomes.get(k);
            if (outcome.failure() != null) {
                RuntimeException failure = outcome.failure();
                throw new IllegalArgumentException("param map " + (k + 1) + " of " + estimators.size() + " ("
                        + paramMaps.apply(k) + "): " + (failure instanceof InputException input
                                ? input.render(SparkPropParamSet.names()) : failure.getMessage()), failure);
            }
            E copy = estimators.get(k);
            M fitted = model.apply(copy, fitted(outcome.result()));
            fitted.setParent(copy);
            models.add(copy.copyValues(fitted, ParamMap.empty()));
        }
        return CollectionConverters.asScala(models).toList();
    }

    /** The label (and weight) column as doubles, their metadata kept, as {@code Predictor.fit} casts them. */
    private static Dataset<Row> doubles(Dataset<?> dataset, List<String> columns) {
        Dataset<Row> rows = dataset.toDF();
        for (String column : columns) {
            if (!column.isEmpty()) {
                rows = rows.withColumn(column, functions.col(column).cast(DataTypes.DoubleType),
                        rows.schema().apply(column).metadata());
            }
        }
        return rows;
    }
}
