package io.github.sparkprop.internal.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.ClassWeights;
import io.github.sparkprop.internal.data.ColumnChoice;
import io.github.sparkprop.internal.data.DataSettings;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HandleInvalid;
import io.github.sparkprop.internal.data.source.CsvOptions;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.optim.OptimizerKind;
import io.github.sparkprop.internal.optim.Schedules;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.math.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything a training run is, validated and immutable: the values of every setting of a run (the data and its
 * columns, the held-out rows, the start model, the checkpoints and the {@link TrainingSettings}), declared in
 * {@link #sections()}; the rows of a DataFrame when the run reads one instead of files; and what an existing
 * checkpoint directory means. Every face binds its options or params to the settings and hands the spec to {@link
 * TrainingJob}; errors name settings by key ({@link SettingException}). The typed views ({@link #source()}, {@link
 * #columns()}, ...) are read from the values.
 *
 * @param settings       every setting's value; unset ones take their defaults, and the optimizer and learning rate
 *                       the run chooses are written in ({@link TrainingSettings#resolved})
 * @param frame          the DataFrame's rows, or null for a run that reads the files of {@link DataSettings#INPUT}
 * @param checkpointMode what checkpoints already in {@link RunSettings#CHECKPOINT_DIR} mean
 */
public record TrainingSpec(SettingValues settings, DataFrameRows frame, Checkpoints.Mode checkpointMode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The rows of a DataFrame whose labels are class indices 0 .. classes - 1 (or numbers, for regression) and
     * whose features are one vector column.
     *
     * @param rows    the rows
     * @param classes the number of classes (0 for regression)
     */
    public record DataFrameRows(Dataset<Row> rows, int classes) {
    }

    /** A run on files, with the given values. */
    public static TrainingSpec ofFiles(SettingValues settings, Checkpoints.Mode checkpointMode) {
        return new TrainingSpec(settings, null, checkpointMode);
    }

    /** A run on a DataFrame's rows, each with a directory of its own under the checkpoint directory. */
    public static TrainingSpec ofFrame(Dataset<Row> rows, int classes, SettingValues settings) {
        return new TrainingSpec(settings, new DataFrameRows(rows, classes),
                settings.text(RunSettings.CHECKPOINT_DIR) == null ? Checkpoints.Mode.NEW : Checkpoints.Mode.PER_RUN);
    }

    /** Every setting of a run, grouped: the data, the columns, the held-out rows, start and checkpoints, training. */
    public static List<Setting.Section> sections() {
        List<Setting.Section> sections = new ArrayList<>(List.of(DataSettings.section()));
        sections.addAll(RunSettings.sections());
        sections.addAll(TrainingSettings.sections());
        return sections;
    }

    /** Every setting of a run, in the order of {@link #sections()}. */
    public static List<Setting> all() {
        return sections().stream().flatMap(section -> section.settings().stream()).toList();
    }

    /** The keys of a run's settings of a role. */
    static Set<String> keys(Setting.Role role) {
        return all().stream().filter(setting -> setting.role() == role).map(Setting::key)
                .collect(Collectors.toUnmodifiableSet());
    }

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
            DataSettings.requireInput(paths);
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
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(checkpointMode, "checkpointMode");
        requireHiddenActivation(settings.choice(TrainingSettings.ACTIVATION));
        requireValid(settings, all());
        double l2 = settings.real(TrainingSettings.L2);
        if (l2 < 0 && l2 != TrainingSettings.DEFAULT_L2) {
            throw new SettingException("l2", l2, "must be >= 0, or -1 for the default");
        }
        settings = TrainingSettings.resolved(settings);
        if (frame == null) {
            DataSettings.requireInput(settings.list(DataSettings.INPUT));
        }
        if (settings.text(RunSettings.LABEL) == null) {
            throw new SettingException("label", "{label} names no column");
        }
        if (checkpointMode != Checkpoints.Mode.NEW && settings.text(RunSettings.CHECKPOINT_DIR) == null) {
            throw new SettingException("resume", "{resume} needs {checkpointDir}");
        }
        requireConsistent(settings, frame);
    }

    /**
     * Refuses a value its setting does not allow, naming the setting, the value and what is allowed.
     *
     * @throws SettingException for the first such value
     */
    public static void requireValid(SettingValues values, List<Setting> settings) {
        for (Setting setting : settings) {
            Object value = values.get(setting);
            String problem = value == null ? null : setting.problem(value);
            if (problem != null) {
                throw new SettingException(setting.key(), Setting.format(value), problem);
            }
        }
    }

    /** Refuses settings that contradict each other. */
    private static void requireConsistent(SettingValues settings, DataFrameRows frame) {
        boolean validation = settings.list(RunSettings.VALIDATION) != null
                || settings.text(RunSettings.VALIDATION_INDICATOR) != null;
        double validationFraction = settings.real(RunSettings.VALIDATION_FRACTION);
        double testFraction = settings.real(RunSettings.TEST_FRACTION);
        if (validationFraction + testFraction >= 1) {
            throw new SettingException("testFraction", testFraction, "must be less than 1 with {validationFraction}");
        }
        if (validation && validationFraction > 0) {
            throw new SettingException("validationFraction", "give {validation} or {validationFraction}, not both");
        }
        if (settings.list(RunSettings.TEST) != null && testFraction > 0) {
            throw new SettingException("testFraction", "give {test} or {testFraction}, not both");
        }
        if (frame == null && !DataSettings.handleInvalid(settings).lenient() && settings.isSet(RunSettings.IMPUTE)) {
            throw new SettingException("impute", "{impute} " + settings.choice(RunSettings.IMPUTE) + " fills gaps in, "
                    + "which {handleInvalid} error makes invalid: give one or the other");
        }
        OptimizerKind optimizer = TrainingSettings.optimizer(settings);
        if (optimizer.needsFullBatch() && settings.real(TrainingSettings.BATCH_FRACTION) < 1) {
            throw new SettingException("batchFraction", "{optimizer} " + optimizer.id() + " needs full batches "
                    + "({batchFraction} 1): its line search compares losses of the same data");
        }
        boolean validates = validation || validationFraction > 0;
        if (settings.integer(TrainingSettings.EARLY_STOPPING) > 0 && !validates) {
            throw new SettingException("earlyStopping", "{earlyStopping} needs validation data: {validationFraction} "
                    + "or {validation}");
        }
        String schedule = settings.choice(Schedules.SCHEDULE);
        if (optimizer.scheduled() && Schedules.fromId(schedule).needsValidation() && !validates) {
            throw new SettingException("schedule", "{schedule} " + schedule + " needs validation data: "
                    + "{validationFraction} or {validation}");
        }
        if (settings.choice(RunSettings.TASK).equals(Task.REGRESSION.id())
                && settings.choice(TrainingSettings.LOSS).equals("cross-entropy")) {
            throw new SettingException("loss", "{loss} cross-entropy needs classification; regression uses squared");
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

    /** Where the rows come from: the DataFrame, or the files of the settings. */
    public Source source() {
        if (frame != null) {
            return new Frame(frame.rows(), settings.text(RunSettings.VALIDATION_INDICATOR), frame.classes());
        }
        return new Files(settings.list(DataSettings.INPUT), DataSettings.format(settings), DataSettings.csv(settings),
                DataSettings.handleInvalid(settings), settings.integer(DataSettings.PARTITIONS),
                settings.list(RunSettings.VALIDATION), settings.list(RunSettings.TEST));
    }

    /** The columns the run reads. */
    public Columns columns() {
        String classWeights = settings.text(RunSettings.CLASS_WEIGHTS);
        return new Columns(settings.text(RunSettings.LABEL), settings.list(RunSettings.FEATURES),
                settings.text(RunSettings.WEIGHT), classWeights == null ? null : ClassWeights.parse(classWeights),
                new ColumnChoice(settings.list(RunSettings.CATEGORICAL), settings.list(RunSettings.EXCLUDE),
                        settings.integer(RunSettings.MAX_CATEGORIES), settings.isSet(RunSettings.IMPUTE)
                                ? ColumnChoice.Impute.fromId(settings.choice(RunSettings.IMPUTE)) : null));
    }

    /** The task asked for, or null: classification, or the start model's. */
    public Task task() {
        return settings.isSet(RunSettings.TASK) ? Task.fromId(settings.choice(RunSettings.TASK)) : null;
    }

    /** The saved model to start from, or null. */
    /** Whether the run trains on mini-batches (a batch fraction below 1), whose rows need their ids. */
    boolean miniBatches() {
        return settings.real(TrainingSettings.BATCH_FRACTION) < 1;
    }

    public String initModel() {
        return settings.text(RunSettings.INIT_MODEL);
    }

    /** The seeded fraction of the rows held out for validation. */
    public double validationFraction() {
        return settings.real(RunSettings.VALIDATION_FRACTION);
    }

    /** The seeded fraction of the rows held out as test rows, scored once at the end. */
    public double testFraction() {
        return settings.real(RunSettings.TEST_FRACTION);
    }

    /** Where checkpoints go and what those already there mean. */
    public Checkpoints checkpoints() {
        return new Checkpoints(settings.text(RunSettings.CHECKPOINT_DIR), checkpointMode);
    }

    /** Whether some rows are validation rows. */
    public boolean validates() {
        return source().hasValidation() || validationFraction() > 0;
    }

    /**
     * The run's settings, by key, for model.json and checkpoints: every setting that applies to the run and has a
     * value (the rows of a DataFrame are named as such). A checkpoint resumes only a run whose values are the same,
     * but for the {@link Setting.Role#ADJUSTABLE adjustable} ones; {@link Setting.Role#RUNTIME runtime} ones are
     * recorded and never compared.
     */
    public ObjectNode describe() {
        ObjectNode json = JSON.createObjectNode();
        if (frame != null) {
            json.put(DataSettings.INPUT.key(), "the DataFrame");
        }
        for (Setting setting : all()) {
            Object value = settings.get(setting);
            if (value != null && applies(setting)) {
                put(json, setting.key(), value);
            }
        }
        return json;
    }

    /**
     * Whether a setting applies to this run: the files' settings not to a DataFrame's rows, those of another
     * optimizer or schedule not, nor the hidden activation of a network without hidden layers.
     */
    private boolean applies(Setting setting) {
        if (frame != null && DataSettings.section().settings().contains(setting)) {
            return false;
        }
        if (setting == TrainingSettings.ACTIVATION) {
            return settings.sizes(TrainingSettings.HIDDEN).length > 0 || initModel() != null;
        }
        return !OptimizerKind.settings().contains(setting)
                || TrainingSettings.optimizer(settings).relevant(settings).contains(setting);
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
        } else if (value instanceof List<?> list) {
            ArrayNode array = json.putArray(key);
            list.forEach(item -> array.add(String.valueOf(item)));
        } else {
            json.put(key, String.valueOf(value));
        }
    }
}
