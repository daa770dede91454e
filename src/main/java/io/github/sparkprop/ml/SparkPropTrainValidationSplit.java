package io.github.sparkprop.ml;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;

/**
 * A drop-in for Spark's {@link TrainValidationSplit} (the same params, split, metrics and
 * {@link TrainValidationSplitModel}) that trains the param maps together: a sparkprop estimator, or a Pipeline
 * whose maps tune its sparkprop stage, trains all the maps in one Spark job an iteration on one cached copy of the
 * training rows, instead of one full training per map. Every model equals the one Spark's TrainValidationSplit
 * fits (to the rounding of Spark's merge order). Other estimators are fitted map by map.
 *
 * <pre>
 *   TrainValidationSplitModel tvs = new SparkPropTrainValidationSplit().setEstimator(classifier)
 *       .setEstimatorParamMaps(grid).setEvaluator(new MulticlassClassificationEvaluator()).fit(training);
 * </pre>
 *
 * <p>It saves as a TrainValidationSplit ({@code TrainValidationSplit.load} reads it); {@link #load} reads it back
 * as this class. {@code parallelism} has no use here: the maps already train at once.
 */
public class SparkPropTrainValidationSplit extends TrainValidationSplit {

    private static final long serialVersionUID = 1L;

    /** A validator with a new uid ({@code tvs_} and 12 hex digits) and Spark's defaults. */
    public SparkPropTrainValidationSplit() {
        this(Identifiable.randomUID("tvs"));
    }

    /**
     * A validator with the given uid and Spark's defaults.
     *
     * @param uid the unique id
     */
    public SparkPropTrainValidationSplit(String uid) {
        super(uid);
    }

    /**
     * Validates as {@link TrainValidationSplit#fit} does, the maps trained together.
     *
     * @param dataset the rows to split into training and validation rows
     * @return the model of the best map fitted on every row, the metric of each map, and (with
     *         {@code collectSubModels}) every map's model; its parent is this validator
     */
    @Override
    public TrainValidationSplitModel fit(Dataset<?> dataset) {
        TrainValidationSplit spark = plain();
        spark.setEstimator(MapsTogether.of(getEstimator(), getEstimatorParamMaps(), dataset));
        TrainValidationSplitModel model = spark.fit(dataset);
        return model.copy(ParamMap.empty().put(model.estimator().w(getEstimator()))).setParent(this);
    }

    /**
     * Writes this validator as a TrainValidationSplit of the same params.
     *
     * @return the writer
     */
    @Override
    public MLWriter write() {
        return plain().write();
    }

    /**
     * Reads a saved TrainValidationSplit (this class's or Spark's) as this class.
     *
     * @param path the directory it was saved to
     * @return the validator, its params as saved
     */
    public static SparkPropTrainValidationSplit load(String path) {
        TrainValidationSplit saved = TrainValidationSplit.load(path);
        return saved.copyValues(new SparkPropTrainValidationSplit(saved.uid()), ParamMap.empty());
    }

    /** Spark's TrainValidationSplit with this one's uid and params. */
    private TrainValidationSplit plain() {
        return copyValues(new TrainValidationSplit(uid()), ParamMap.empty());
    }
}
