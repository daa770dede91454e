package io.github.sparkprop.internal.data;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.source.CsvOptions;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.math.Scaler;
import java.util.List;

/**
 * What to read and how to turn it into samples.
 *
 * @param paths        input paths (files, directories or globs on any Hadoop file system)
 * @param format       the input format, or null to infer it from the file names
 * @param csv          how a CSV is read
 * @param label        the label column
 * @param features     the feature columns in order (names, prefixes ending in *, ranges p0..p9, or one
 *                     vector column), or null for every other numeric column
 * @param weight       the instance-weight column, or null
 * @param task         classification or regression
 * @param encoder      the classes when already known (a saved model's), else null to find them
 * @param scaler       the standardisation when already known, else null
 * @param standardize  whether to compute a scaler when none is given
 * @param handleInvalid what to do with gaps, unseen categories and invalid values
 * @param partitions   the number of partitions of the cached blocks, or 0 for at least Spark's default
 *                     parallelism
 * @param holdOut      which rows become validation blocks
 * @param classWeights weights per class (classification), or null
 * @param libsvmFeatures the vector size a LibSVM input must have (a model's n_0), or 0 to take the largest
 *                     index found
 * @param rowIds       whether the blocks keep each sample's row id (needed for mini-batches only: 8 bytes a row)
 * @param choice       how the columns' roles are chosen when no encoding is given
 * @param encoding     the scalar feature columns and how they become inputs, when already known (a saved
 *                     model's), else null to choose them from the data; it overrides {@code features}
 * @param target       the standardisation of a regression target, when known (the training rows'), else null
 * @param standardizeTarget whether to standardise a regression target when none is given (from the training rows)
 * @param blockRows    rows per cached block, or 0 for the size the features give ({@link DataLoader#blockSize})
 * @param precision    the precision of the cached dense blocks (float32: half the bytes; sparse blocks stay float64)
 */
public record DataSpec(List<String> paths, InputFormat format, CsvOptions csv, String label, List<String> features,
        String weight, Task task, LabelEncoder encoder, Scaler scaler, boolean standardize,
        HandleInvalid handleInvalid, int partitions, HoldOut holdOut, ClassWeights classWeights, int libsvmFeatures,
        boolean rowIds, ColumnChoice choice, InputEncoding encoding, Scaler target, boolean standardizeTarget,
        int blockRows, Precision precision) {

    /**
     * A spec of the given paths with the defaults: format from the file names, CSV with a header, label
     * {@code label}, every other usable column a feature, classification, nothing standardised, gaps kept, the
     * input's partitions, no held-out rows, row ids kept.
     */
    public static Builder of(List<String> paths) {
        return new Builder(paths);
    }

    /** Builds a {@link DataSpec} one named value at a time (see the record's parameters). */
    public static final class Builder {
        private final List<String> paths;
        private InputFormat format;
        private CsvOptions csv = CsvOptions.DEFAULT;
        private String label = "label";
        private List<String> features;
        private String weight;
        private Task task = Task.CLASSIFICATION;
        private LabelEncoder encoder;
        private Scaler scaler;
        private boolean standardize;
        private HandleInvalid handleInvalid = HandleInvalid.DEFAULT;
        private int partitions;
        private HoldOut holdOut = HoldOut.NONE;
        private ClassWeights classWeights;
        private int libsvmFeatures;
        private boolean rowIds = true;
        private ColumnChoice choice = ColumnChoice.DEFAULT;
        private InputEncoding encoding;
        private Scaler target;
        private boolean standardizeTarget;
        private int blockRows;
        private Precision precision = Precision.FLOAT64;

        private Builder(List<String> paths) {
            this.paths = paths;
        }

        public Builder format(InputFormat format) {
            this.format = format;
            return this;
        }

        public Builder csv(CsvOptions csv) {
            this.csv = csv;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder features(List<String> features) {
            this.features = features;
            return this;
        }

        public Builder weight(String weight) {
            this.weight = weight;
            return this;
        }

        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        public Builder encoder(LabelEncoder encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder scaler(Scaler scaler) {
            this.scaler = scaler;
            return this;
        }

        public Builder standardize(boolean standardize) {
            this.standardize = standardize;
            return this;
        }

        public Builder handleInvalid(HandleInvalid handleInvalid) {
            this.handleInvalid = handleInvalid;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder holdOut(HoldOut holdOut) {
            this.holdOut = holdOut;
            return this;
        }

        public Builder classWeights(ClassWeights classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        public Builder libsvmFeatures(int libsvmFeatures) {
            this.libsvmFeatures = libsvmFeatures;
            return this;
        }

        public Builder rowIds(boolean rowIds) {
            this.rowIds = rowIds;
            return this;
        }

        public Builder choice(ColumnChoice choice) {
            this.choice = choice;
            return this;
        }

        public Builder encoding(InputEncoding encoding) {
            this.encoding = encoding;
            return this;
        }

        public Builder target(Scaler target) {
            this.target = target;
            return this;
        }

        public Builder standardizeTarget(boolean standardizeTarget) {
            this.standardizeTarget = standardizeTarget;
            return this;
        }

        public Builder blockRows(int blockRows) {
            this.blockRows = blockRows;
            return this;
        }

        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        public DataSpec build() {
            return new DataSpec(paths, format, csv, label, features, weight, task, encoder, scaler, standardize,
                    handleInvalid, partitions, holdOut, classWeights, libsvmFeatures, rowIds, choice, encoding, target,
                    standardizeTarget, blockRows, precision);
        }
    }

    /** CSV, label and features by name, no weights, the default reading: the common case. */
    public static DataSpec csv(List<String> paths, String label, Task task, boolean standardize, int partitions,
            HoldOut holdOut) {
        return of(paths).format(InputFormat.CSV).label(label).task(task).standardize(standardize)
                .partitions(partitions).holdOut(holdOut).build();
    }

    /** The most partitions the data may be spread over (a million tasks a pass is already far too many). */
    public static final int MAX_PARTITIONS = 1_000_000;

    /** Refuses a number of partitions outside [0, {@link #MAX_PARTITIONS}] (0: the input's). */
    public static void requirePartitions(int partitions) {
        if (partitions < 0 || partitions > MAX_PARTITIONS) {
            throw new SettingException("partitions", partitions, "must be in [0, " + MAX_PARTITIONS + "]");
        }
    }

    public DataSpec {
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("no input path");
        }
        requirePartitions(partitions);
        paths = List.copyOf(paths);
        features = features == null ? null : List.copyOf(features);
        choice = choice == null ? ColumnChoice.DEFAULT : choice;
        handleInvalid = handleInvalid == null ? HandleInvalid.DEFAULT : handleInvalid;
        precision = precision == null ? Precision.FLOAT64 : precision;
    }

    /** How gaps in numeric columns are filled in: the choice's, or its default; none in the strict reading. */
    public ColumnChoice.Impute imputation() {
        return choice.imputation(handleInvalid);
    }

    /**
     * The same columns, encoding, classes and scaling (of the features and the target) applied to other paths
     * (validation or test data), every row of them held out or none.
     */
    public DataSpec withPaths(List<String> otherPaths, LabelEncoder knownEncoder, Scaler knownScaler,
            FeatureColumns knownFeatures, Scaler knownTarget, boolean heldOut) {
        return new Builder(otherPaths).format(format).csv(csv).label(label)
                .features(knownFeatures.isVector() ? List.of(knownFeatures.vectorColumn()) : null).weight(weight)
                .task(task).encoder(knownEncoder).scaler(knownScaler).handleInvalid(handleInvalid)
                .partitions(partitions).holdOut(heldOut ? HoldOut.ALL : HoldOut.NONE)
                .libsvmFeatures(knownFeatures.isVector() ? knownFeatures.vectorSize() : 0).rowIds(false).choice(choice)
                .encoding(knownFeatures.encoding()).target(knownTarget).blockRows(blockRows).precision(precision)
                .build();
    }
}
