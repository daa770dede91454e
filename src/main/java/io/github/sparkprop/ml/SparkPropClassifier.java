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

    private final String uid;
    private final SparkPropParamSet paramSet;

    public SparkPropClassifier() {
        this(Identifiable.randomUID("sparkpropClassifier"));
    }

    public SparkPropClassifier(String uid) {
        this(uid, UidHandOff.give(uid));
    }

    private SparkPropClassifier(String uid, Void handedOff) {
        this.uid = uid;
        UidHandOff.done();
        this.paramSet = new SparkPropParamSet(this);
    }

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

    @Override
    public SparkPropClassificationModel train(Dataset<?> dataset) {
        int classes = getNumClasses(dataset, getNumClasses$default$2());
        if (classes < 2) {
            throw new IllegalArgumentException("the label column " + getLabelCol() + " holds one class (0); a "
                    + "classifier needs at least two");
        }
        Fitting.Fitted fitted = Fitting.fit(dataset, this, getFeaturesCol(), getLabelCol(), Task.CLASSIFICATION,
                classes);
        return new SparkPropClassificationModel(uid, fitted.model(), fitted.summary());
    }

    @Override
    public SparkPropClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<SparkPropClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static SparkPropClassifier load(String path) {
        return read().load(path);
    }
}
