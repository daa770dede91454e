package io.github.sparkprop.ml;

import io.github.sparkprop.Task;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * sparkprop's distributed trainer as a Spark ML classifier, for Pipelines and CrossValidator: a drop-in for
 * MultilayerPerceptronClassifier ({@code setHiddenLayers} instead of its {@code layers}, whose first and
 * last sizes come from the data). Labels are class indices 0 .. k-1 in a double column (StringIndexer makes
 * them); features one vector column (VectorAssembler makes it).
 *
 * <pre>
 *   SparkPropClassificationModel model = new SparkPropClassifier().setHiddenLayers(64).setOptimizer("adam")
 *       .setStepSize(0.01).setMaxIter(200).fit(training);
 * </pre>
 */
public final class SparkPropClassifier
        extends ProbabilisticClassifier<Vector, SparkPropClassifier, SparkPropClassificationModel>
        implements SparkPropParams<SparkPropClassifier>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** The estimator's unique id, which the models it fits take as theirs. */
    private final String uid;
    /** The params of the training settings, owned by this estimator. */
    private final SparkPropParamSet paramSet;

    /** A classifier with a new uid ({@code sparkpropClassifier_} and 12 hex digits) and every param at its default. */
    public SparkPropClassifier() {
        this(Identifiable.randomUID("sparkpropClassifier"));
    }

    /**
     * A classifier with the given uid and every param at its default.
     *
     * @param uid the unique id, which the models it fits take as theirs
     * @throws IllegalArgumentException for a null or empty uid
     */
    public SparkPropClassifier(String uid) {
        this(uid, UidHandOff.give(uid));
    }

    private SparkPropClassifier(String uid, Void handedOff) {
        this.uid = uid;
        UidHandOff.done();
        this.paramSet = new SparkPropParamSet(this);
    }

    /**
     * The estimator's unique id.
     *
     * @return the uid, which the models it fits take as theirs
     */
    @Override
    public String uid() {
        return uid != null ? uid : UidHandOff.pending();
    }

    @Override
    public SparkPropParamSet paramSet() {
        return paramSet;
    }

    /** Spark's column params and every training setting's param (see {@link SparkPropParamSet}). */
    @Override
    public org.apache.spark.ml.param.Param<?>[] params() {
        return paramSet == null ? super.params() : paramSet.params(super.params());
    }

    /**
     * Trains a network on the dataset (what {@code fit} runs, once it has checked the columns' types).
     *
     * @param dataset the rows: class indices 0 .. k-1 in the label column, a vector in the features column (and
     *                the weight and validation indicator columns, when set)
     * @return the model, with its training summary
     * @throws IllegalArgumentException for a label column of one class, or params or data the run cannot take
     */
    @Override
    public SparkPropClassificationModel train(Dataset<?> dataset) {
        Fitting.Fitted fitted = Fitting.fit(dataset, this, getFeaturesCol(), getLabelCol(), Task.CLASSIFICATION,
                classCount(dataset));
        return new SparkPropClassificationModel(uid, fitted.model(), fitted.summary());
    }

    /** The number of classes of the label column, at least 2. */
    int classCount(Dataset<?> dataset) {
        int classes = getNumClasses(dataset, getNumClasses$default$2());
        if (classes < 2) {
            throw new IllegalArgumentException("the label column " + getLabelCol() + " holds one class (0); a "
                    + "classifier needs at least two");
        }
        return classes;
    }

    /**
     * Trains one model per param map, all together: one cached data set for the maps that read the data the same
     * way, one Spark job an iteration for all of them, each model equal to {@code fit(dataset, paramMap)}'s (to
     * the rounding of the order in which Spark merges the tasks' sums). Spark's {@code CrossValidator} and
     * {@code TrainValidationSplit} fit their maps one by one; PySpark's call this (through {@code fitMultiple}).
     *
     * @param dataset   the rows, as {@code fit} takes them
     * @param paramMaps one param map per model
     * @return the models, in the order of the maps
     * @throws IllegalArgumentException for params or data a map cannot take, and when a map's training failed
     *                                  (its loss diverged), naming the map
     */
    @Override
    public scala.collection.immutable.Seq<SparkPropClassificationModel> fit(Dataset<?> dataset,
            scala.collection.immutable.Seq<ParamMap> paramMaps) {
        return Fitting.fitAll(this, dataset, paramMaps, Task.CLASSIFICATION, (copy, rows) -> copy.classCount(rows),
                (copy, fitted) -> new SparkPropClassificationModel(copy.uid(), fitted.model(), fitted.summary()));
    }

    /**
     * A copy with the same uid and param values.
     *
     * @param extra param values that override this estimator's in the copy
     * @return the copy
     */
    @Override
    public SparkPropClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * The reader of classifiers saved by {@code write()}: their uid and params.
     *
     * @return a reader whose {@code load(path)} loads a classifier
     */
    public static MLReader<SparkPropClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved by {@code write()}.
     *
     * @param path the directory it was saved in
     * @return the classifier, with the saved uid and params
     */
    public static SparkPropClassifier load(String path) {
        return read().load(path);
    }
}
