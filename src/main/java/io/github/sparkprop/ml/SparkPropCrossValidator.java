package io.github.sparkprop.ml;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;

/**
 * A drop-in for Spark's {@link CrossValidator} (the same params, folds, metrics and {@link CrossValidatorModel})
 * that trains each fold's param maps together: a sparkprop estimator, or a Pipeline whose maps tune its sparkprop
 * stage, trains all the maps of a fold in one Spark job an iteration on one cached copy of the fold, instead of
 * one full training per map. Every model equals the one Spark's CrossValidator fits (to the rounding of Spark's
 * merge order), so the metrics and the best model are the same. Other estimators are fitted map by map.
 *
 * <pre>
 *   CrossValidatorModel cv = new SparkPropCrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
 *       .setEvaluator(new MulticlassClassificationEvaluator()).setNumFolds(3).fit(training);
 * </pre>
 *
 * <p>It saves as a CrossValidator (so {@code CrossValidator.load} reads it, in any Spark); {@link #load} reads it
 * back as this class. {@code parallelism} has no use here: a fold's maps already train at once.
 */
public class SparkPropCrossValidator extends CrossValidator {

    private static final long serialVersionUID = 1L;

    /** A validator with a new uid ({@code cv_} and 12 hex digits) and Spark's defaults. */
    public SparkPropCrossValidator() {
        this(Identifiable.randomUID("cv"));
    }

    /**
     * A validator with the given uid and Spark's defaults.
     *
     * @param uid the unique id
     */
    public SparkPropCrossValidator(String uid) {
        super(uid);
    }

    /**
     * Cross-validates as {@link CrossValidator#fit} does, the maps of each fold trained together.
     *
     * @param dataset the rows to split into folds
     * @return the model of the best map fitted on every row, the average metric of each map, and (with
     *         {@code collectSubModels}) every fold's models; its parent is this validator
     */
    @Override
    public CrossValidatorModel fit(Dataset<?> dataset) {
        CrossValidator spark = plain();
        spark.setEstimator(MapsTogether.of(getEstimator(), getEstimatorParamMaps(), dataset));
        CrossValidatorModel model = spark.fit(dataset);
        return model.copy(ParamMap.empty().put(model.estimator().w(getEstimator()))).setParent(this);
    }

    /**
     * Writes this validator as a CrossValidator of the same params.
     *
     * @return the writer
     */
    @Override
    public MLWriter write() {
        return plain().write();
    }

    /**
     * Reads a saved CrossValidator (this class's or Spark's) as this class.
     *
     * @param path the directory it was saved to
     * @return the validator, its params as saved
     */
    public static SparkPropCrossValidator load(String path) {
        CrossValidator saved = CrossValidator.load(path);
        return saved.copyValues(new SparkPropCrossValidator(saved.uid()), ParamMap.empty());
    }

    /** Spark's CrossValidator with this one's uid and params. */
    private CrossValidator plain() {
        return copyValues(new CrossValidator(uid()), ParamMap.empty());
    }
}
