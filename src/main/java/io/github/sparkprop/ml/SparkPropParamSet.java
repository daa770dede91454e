package io.github.sparkprop.ml;

import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.TrainingSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * The params of one of sparkprop's estimators or models: a param for every core setting of a run that the Spark
 * ML face offers, derived from its declaration (its name under Spark's conventions, its doc, its validator and its
 * default). The label and feature columns are Spark's own labelCol and featuresCol.
 */
public final class SparkPropParamSet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Spark ML's names for settings whose Spark counterpart has a conventional name; others keep the key. */
    private static final Map<String, String> SPARK_NAMES = Map.ofEntries(Map.entry("learningRate", "stepSize"),
            Map.entry("iterations", "maxIter"), Map.entry("l2", "regParam"), Map.entry("tolerance", "tol"),
            Map.entry("hidden", "hiddenLayers"), Map.entry("checkpointEvery", "checkpointInterval"),
            Map.entry("treeDepth", "aggregationDepth"), Map.entry("standardize", "standardization"),
            Map.entry("earlyStopping", "earlyStoppingPatience"), Map.entry("weight", "weightCol"),
            Map.entry("label", "labelCol"), Map.entry("features", "featuresCol"),
            Map.entry("validationIndicator", "validationIndicatorCol"), Map.entry("validation", "validationIndicatorCol"),
            Map.entry("validationFraction", "validationIndicatorCol"), Map.entry("resume", "fitting again"));

    /** The params of the settings, by setting key. */
    private final Map<String, Param<?>> settings = new LinkedHashMap<>();
    /** Every param of the owner, inherited ones included, sorted by name; made by the first {@code params} call. */
    private Param<?>[] all;

    SparkPropParamSet(Params owner) {
        for (Setting setting : TrainingSpec.all()) {
            if (setting.offeredBy(Setting.Face.SPARK_ML)) {
                settings.put(setting.key(), param(owner, setting));
            }
        }
    }

    /**
     * The Spark ML name of a setting key: {@code stepSize} for {@code learningRate}, the key itself for most.
     *
     * @param key a setting's key, as the command line names it, e.g. {@code learningRate}
     * @return its param's name, e.g. {@code stepSize}; for a setting offered another way, the words for that
     *         way (e.g. "fitting again" for {@code resume})
     */
    public static String name(String key) {
        return SPARK_NAMES.getOrDefault(key, key);
    }

    /** The Spark ML words for the settings a core error names. */
    static UnaryOperator<String> names() {
        return SparkPropParamSet::name;
    }

    /** The param of a training setting by its Spark ML name. */
    Param<?> named(String name) {
        return settings.values().stream().filter(param -> param.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every param: the inherited ones (columns, thresholds) and this set's, sorted by name as Spark does. */
    Param<?>[] params(Param<?>[] inherited) {
        if (all == null) {
            Map<String, Param<?>> byName = new LinkedHashMap<>();
            Stream.concat(Arrays.stream(inherited), settings.values().stream())
                    .forEach(param -> byName.putIfAbsent(param.name(), param));
            all = byName.values().stream().sorted(Comparator.comparing(Param::name)).toArray(Param<?>[]::new);
        }
        return all;
    }

    /** The settings the owner's params set (unset ones, and empty column names, keep the core's defaults). */
    SettingValues values(Params owner) {
        Map<String, Object> values = new LinkedHashMap<>();
        settings.forEach((key, param) -> {
            Object value = owner.isSet(param) ? owner.getOrDefault(param) : null;
            if (value != null && !"".equals(value)) {
                values.put(key, value);
            }
        });
        return SettingValues.of(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Param<?> param(Params owner, Setting setting) {
        String name = name(setting.key());
        String doc = Character.toLowerCase(setting.description().charAt(0)) + setting.description().substring(1);
        Valid valid = new Valid(setting);
        Param param = switch (setting.type()) {
            case REAL -> new DoubleParam(owner, name, doc, (AbstractFunction1) valid);
            case INTEGER -> new IntParam(owner, name, doc, (AbstractFunction1) valid);
            case LONG -> new LongParam(owner, name, doc, (AbstractFunction1) valid);
            case FLAG -> new BooleanParam(owner, name, doc);
            case CHOICE -> new Param<String>(owner, name, doc, (AbstractFunction1) valid);
            case SIZES -> new IntArrayParam(owner, name, doc, (AbstractFunction1) valid);
            case TEXT -> new Param<String>(owner, name, doc);
            case PATHS, NAMES -> throw new IllegalArgumentException("the Spark ML face offers no list setting: " + name);
        };
        if (setting.defaultValue() != null) {
            owner.setDefault(param, setting.defaultValue());
        }
        return param;
    }

    /** A param's validator: the setting's own check of a value. */
    private static final class Valid extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Setting setting;

        Valid(Setting setting) {
            this.setting = setting;
        }

        @Override
        public Object apply(Object value) {
            return setting.problem(value) == null;
        }
    }
}
