package io.github.sparkprop.ml;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * The estimator a validator fits with in place of the user's: Spark's CrossValidator and TrainValidationSplit
 * ask for one model at a time ({@code fit(trainingSet, map)}, each map of a fold on the same training set); the
 * first ask on a training set trains every map on it at once ({@link MultiFit}: for sparkprop, one pass), and the
 * others take their model. The final fit of the best map on the whole data set is a fit of its own.
 *
 * @param <M> the estimator's model type
 */
final class MapsTogether<M extends Model<M>> extends Estimator<M> {

    private static final long serialVersionUID = 1L;

    private final Estimator<M> estimator;
    private final ParamMap[] maps;
    /** The data set the validator fits: its one fit (the best map's) is fitted alone. */
    private final transient Dataset<?> whole;
    /** Each training set's models, in the order of the maps. */
    private final transient Map<Dataset<?>, List<Model<?>>> fitted = new IdentityHashMap<>();

    private MapsTogether(Estimator<M> estimator, ParamMap[] maps, Dataset<?> whole) {
        this.estimator = estimator;
        this.maps = maps;
        this.whole = whole;
    }

    /**
     * @param whole the data set the validator splits, whose fit is of one map
     */
    static <M extends Model<M>> MapsTogether<M> of(Estimator<M> estimator, ParamMap[] maps, Dataset<?> whole) {
        return new MapsTogether<>(estimator, maps, whole);
    }

    @Override
    @SuppressWarnings("unchecked")
    public M fit(Dataset<?> dataset, ParamMap map) {
        int index = indexOf(map);
        if (dataset == whole || index < 0) {
            return estimator.fit(dataset, map);
        }
        return (M) modelsOf(dataset).get(index);
    }

    private int indexOf(ParamMap map) {
        for (int k = 0; k < maps.length; k++) {
            if (maps[k] == map) {
                return k;
            }
        }
        return -1;
    }

    /** A fold's models, trained by the first of the validator's threads that asks for one. */
    private synchronized List<Model<?>> modelsOf(Dataset<?> trainingSet) {
        return fitted.computeIfAbsent(trainingSet, set -> MultiFit.fit(estimator, set, maps));
    }

    @Override
    public M fit(Dataset<?> dataset) {
        return estimator.fit(dataset);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return estimator.transformSchema(schema);
    }

    @Override
    public Estimator<M> copy(ParamMap extra) {
        return estimator.copy(extra);
    }

    @Override
    public String uid() {
        return estimator.uid();
    }
}
