package io.github.sparkprop.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.data.ClassWeights;
import io.github.sparkprop.data.CsvOptions;
import io.github.sparkprop.data.ColumnChoice;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.HandleInvalid;
import io.github.sparkprop.data.InputFormat;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.optim.OptimizerKind;
import io.github.sparkprop.optim.Setting;
import io.github.sparkprop.optim.SettingValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything a training run is, validated and immutable: where the rows come from and which columns they
 * use, the task, an optional model to start from, the values of the {@link TrainingSettings}, the held-out
 * fractions and the checkpoints. Every face binds its options or params to one of these and hands it to
 * {@link TrainingJob}; errors name settings by key ({@link SettingException}).
 *
 * @param source             the training rows (and validation and test rows where they come separately)
 * @param columns            label, features, instance and class weights
 * @param task               classification or regression, or null: classification, or the start model's
 * @param initModel          a saved model to start from (its network, features, labels and scaler), or null
 * @param settings           the training settings; unset ones take their defaults, and the optimizer and learning
 *                           rate the run chooses are written in ({@link TrainingSettings#resolved})
 * @param validationFraction a seeded fraction of the rows held out for validation
 * @param testFraction       a seeded fraction of the rows held out as test rows, scored once at the end
 * @param checkpoints        where and how checkpoints are written
 */
public record TrainingSpec(Source source, Columns columns, Task task, String initModel, SettingValues settings,
        double validationFraction, double testFraction, Checkpoints checkpoints) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the rows come from. */
    public sealed interface Source permits Files, Frame {
        /** Whether validation rows come with the source (a file, an indicator column). */
        boolean hasValidation();

        /** The rows, for messages. */
        String description();
    }

    /**
     * Rows in files on any Hadoop file system.
     *
     * @param paths       files, directories or globs of training rows
     * @param format      the format, or null to infer it from the file names
     * @param csv         how CSV files are read
     * @param handleInvalid what to do with gaps, unseen categories and invalid rows (null: the default)
     * @param partitions  partitions of the cached blocks, or 0 for at least Spark's default parallelism
     * @param validation  validation rows in files of their own, or null
     * @param test        test rows scored once after training, or null
     */
    public record Files(List<String> paths, InputFormat format, CsvOptions csv, HandleInvalid handleInvalid,
            int partitions, List<String> validation, List<String> test) implements Source {
        public Files {
            handleInvalid = handleInvalid == null ? HandleInvalid.DEFAULT : handleInvalid;
            if (paths == null || paths.isEmpty()) {
                throw new SettingException("input", "{input} names no data");
            }
            DataSpec.requirePartitions(partitions);
            paths = List.copyOf(paths);
            validation = validation == null ? null : List.copyOf(validation);
            test = test == null ? null : List.copyOf(test);
        }

        @Override
        public boolean hasValidation() {
            return validation != null;
        }

        @Override
        public String description() {
            return String.join(", ", paths);
        }
    }

    /**
     * Rows of a DataFrame whose labels are class indices 0 .. classes - 1 (or numbers, for regression) and
     * whose features are one vector column.
     *
     * @param rows                the rows
     * @param validationIndicator a boolean column, true for validation rows, or null
     * @param classes             the number of classes (0 for regression)
     */
    public record Frame(Dataset<Row> rows, String validationIndicator, int classes) implements Source {
        @Override
        public boolean hasValidation() {
            return validationIndicator != null;
        }

        @Override
        public String description() {
            return "the DataFrame";
        }
    }

    /**
     * The columns a run reads.
     *
     * @param label        the label column
     * @param features     feature columns in order (names, prefixes p*, ranges p0..p9, or one vector column), or
     *                     null for every other numeric column
     * @param weight       the instance-weight column, or null
     * @param classWeights weights per class, or null
     * @param choice       how the other columns' roles are chosen (categorical, excluded, imputed)
     */
    public record Columns(String label, List<String> features, String weight, ClassWeights classWeights,
            ColumnChoice choice) {
        public Columns {
            Objects.requireNonNull(label, "label");
            features = features == null ? null : List.copyOf(features);
            choice = choice == null ? ColumnChoice.DEFAULT : choice;
        }

        /** The default roles for the other columns. */
        public Columns(String label, List<String> features, String weight, ClassWeights classWeights) {
            this(label, features, weight, classWeights, ColumnChoice.DEFAULT);
        }
    }

    /**
     * Where checkpoints go and what to do with a directory that already holds some.
     *
     * @param dir  the directory on any Hadoop file system, or null for no checkpoints
     * @param mode what an existing run's checkpoints mean
     */
    public record Checkpoints(String dir, Mode mode) {
        /** No checkpoints. */
        public static final Checkpoints NONE = new Checkpoints(null, Mode.NEW);

        /** What to do with checkpoints already in the directory. */
        public enum Mode {
            /** Refuse a directory with checkpoints of an earlier run. */
            NEW,
            /** Continue the run whose checkpoints are there (from the start when there are none). */
            RESUME,
            /** Delete an earlier run's checkpoints and start again. */
            REPLACE,
            /**
             * Each run in a directory of its own, named after its settings and data (but the adjustable
             * settings); a run whose directory holds checkpoints resumes.
             */
            PER_RUN
        }

        public Checkpoints {
            Objects.requireNonNull(mode, "mode");
        }
    }

    public TrainingSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(checkpoints, "checkpoints");
        requireHiddenActivation(settings.choice(TrainingSettings.ACTIVATION));
        for (Setting setting : TrainingSettings.all()) {
            Object value = settings.get(setting);
            String problem = setting.problem(value);
            if (problem != null) {
                throw new SettingException(setting.key(), Setting.format(value), problem);
            }
        }
        double l2 = settings.real(TrainingSettings.L2);
        if (l2 < 0 && l2 != TrainingSettings.DEFAULT_L2) {
            throw new SettingException("l2", l2, "must be >= 0, or -1 for the default");
        }
        settings = TrainingSettings.resolved(settings);
        checkHeldOut(source, validationFraction, testFraction);
        if (source instanceof Files files && !files.handleInvalid().lenient() && columns.choice().impute() != null
                && columns.choice().impute() != ColumnChoice.Impute.NONE) {
            throw new SettingException("impute", "{impute} " + columns.choice().impute().id() + " fills gaps in, which "
                    + "{handleInvalid} error makes invalid: give one or the other");
        }
        OptimizerKind optimizer = TrainingSettings.optimizer(settings);
        if (optimizer.needsFullBatch() && settings.real(TrainingSettings.BATCH_FRACTION) < 1) {
            throw new SettingException("batchFraction", "{optimizer} " + optimizer.id() + " needs full batches "
                    + "({batchFraction} 1): its line search compares losses of the same data");
        }
        if (settings.integer(TrainingSettings.EARLY_STOPPING) > 0 && !source.hasValidation()
                && validationFraction == 0) {
            throw new SettingException("earlyStopping", "{earlyStopping} needs validation data: {validationFraction} "
                    + "or {validation}");
        }
        if (task == Task.REGRESSION && settings.choice(TrainingSettings.LOSS).equals("cross-entropy")) {
            throw new SettingException("loss", "{loss} cross-entropy needs classification; regression uses squared");
        }
        if (checkpoints.mode() != Checkpoints.Mode.NEW && checkpoints.dir() == null) {
            throw new SettingException("resume", "{resume} needs {checkpointDir}");
        }
    }

    /** An output-only activation named for the hidden layers gets a message of its own. */
    private static void requireHiddenActivation(String id) {
        List<String> hidden = Activation.hiddenIds();
        boolean outputOnly = Activation.all().stream().anyMatch(a -> a.id().equals(id) && !a.isHiddenCapable());
        if (outputOnly) {
            throw new SettingException("activation", "{activation} " + id + " is an output activation; hidden layers "
                    + "take " + String.join(", ", hidden.subList(0, hidden.size() - 1)) + " or "
                    + hidden.get(hidden.size() - 1));
        }
    }

    private static void checkHeldOut(Source source, double validationFraction, double testFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new SettingException("validationFraction", validationFraction, "must be in [0, 1)");
        }
        if (!(testFraction >= 0 && testFraction < 1 && validationFraction + testFraction < 1)) {
            throw new SettingException("testFraction", testFraction, "must be in [0, 1), and less than 1 with "
                    + "{validationFraction}");
        }
        if (source.hasValidation() && validationFraction > 0) {
            throw new SettingException("validationFraction", "give {validation} or {validationFraction}, not both");
        }
        if (source instanceof Files files && files.test() != null && testFraction > 0) {
            throw new SettingException("testFraction", "give {test} or {testFraction}, not both");
        }
    }

    /** Whether some rows are validation rows. */
    public boolean validates() {
        return source.hasValidation() || validationFraction > 0;
    }

    /**
     * The settings that decide the trained weights, by key, for model.json and checkpoints: the data and
     * columns, the task, the start model, and the training settings that apply (the chosen optimizer's, not
     * the others'). Settings that only change rounding or speed (tree depth, block size) or the log are left
     * out. A checkpoint resumes only a run whose settings are the same, but for {@link
     * CheckpointStore#ADJUSTABLE} ones.
     */
    public ObjectNode describe() {
        ObjectNode json = JSON.createObjectNode();
        if (source instanceof Files files) {
            json.putPOJO("input", files.paths());
            if (files.format() != null) {
                json.put("format", files.format().id());
            }
            json.put("header", files.csv().header());
            json.put("csvDelimiter", files.csv().delimiter());
            json.put("handleInvalid", files.handleInvalid().id());
            if (files.validation() != null) {
                json.putPOJO("validation", files.validation());
            }
        } else if (source instanceof Frame frame) {
            json.put("input", frame.description());
            if (frame.validationIndicator() != null) {
                json.put("validationIndicator", frame.validationIndicator());
            }
        }
        json.put("label", columns.label());
        if (columns.features() != null) {
            json.putPOJO("features", columns.features());
        }
        if (columns.weight() != null) {
            json.put("weight", columns.weight());
        }
        ColumnChoice choice = columns.choice();
        if (!choice.categorical().isEmpty()) {
            json.putPOJO("categorical", choice.categorical());
        }
        if (!choice.exclude().isEmpty()) {
            json.putPOJO("exclude", choice.exclude());
        }
        json.put("maxCategories", choice.maxCategories());
        ColumnChoice.Impute impute = choice.imputation(source instanceof Files files ? files.handleInvalid()
                : HandleInvalid.DEFAULT);
        if (impute != ColumnChoice.Impute.NONE) {
            json.put("impute", impute.id());
        }
        if (columns.classWeights() != null) {
            ClassWeights weights = columns.classWeights();
            if (weights.balanced()) {
                json.put("classWeights", "balanced");
            } else {
                json.putPOJO("classWeights", weights.explicit());
            }
        }
        if (task != null) {
            json.put("task", task.id());
        }
        if (initModel != null) {
            json.put("initModel", initModel);
        }
        for (Setting setting : decisive()) {
            put(json, setting.key(), settings.get(setting));
        }
        json.put("validationFraction", validationFraction);
        json.put("testFraction", testFraction);
        return json;
    }

    /**
     * The settings that decide the weights, given the chosen optimizer (the hidden activation only where there are
     * hidden layers).
     */
    private List<Setting> decisive() {
        List<Setting> decisive = new ArrayList<>(TrainingSettings.NETWORK);
        if (settings.sizes(TrainingSettings.HIDDEN).length == 0 && initModel == null) {
            decisive.remove(TrainingSettings.ACTIVATION);
        }
        decisive.addAll(TrainingSettings.optimizer(settings).relevant(settings));
        decisive.addAll(List.of(TrainingSettings.ITERATIONS, TrainingSettings.BATCH_FRACTION, TrainingSettings.L2,
                TrainingSettings.SEED, TrainingSettings.TOLERANCE, TrainingSettings.EVAL_EVERY,
                TrainingSettings.EARLY_STOPPING));
        return decisive;
    }

    private static void put(ObjectNode json, String key, Object value) {
        if (value instanceof Double x) {
            json.put(key, x);
        } else if (value instanceof Integer n) {
            json.put(key, n);
        } else if (value instanceof Long n) {
            json.put(key, n);
        } else if (value instanceof Boolean b) {
            json.put(key, b);
        } else if (value instanceof int[] sizes) {
            ArrayNode array = json.putArray(key);
            for (int size : sizes) {
                array.add(size);
            }
        } else {
            json.put(key, String.valueOf(value));
        }
    }
}
