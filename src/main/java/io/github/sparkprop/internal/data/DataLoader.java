package io.github.sparkprop.internal.data;

import io.github.sparkprop.InputException;
import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.JvmLimits;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.data.source.RowIds;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.math.Scaler;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads input through Spark's reader, validates every row in one distributed pass (counting rows, finding
 * the classes and, for --standardize, the feature moments), then stacks the valid rows into cached blocks.
 * Bad input stops here, before any training, with the file, line, column and value.
 */
public final class DataLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);

    /** The features of one block take about this many bytes (B = this / (8 n_0), within [64, 4096]). */
    static final long BLOCK_BYTES = 4L << 20;
    /** The dense arrays of the features that Spark's summarizer keeps for --standardize. */
    private static final int MOMENT_ARRAYS = 8;

    private DataLoader() {
    }

    /**
     * Reads, validates and caches the data of {@code spec}, in blocks of the spec's rows and precision.
     *
     * @throws InputException for a missing path or column, an empty input or an invalid row
     */
    public static LoadedData load(SparkSession spark, DataSpec spec) {
        return explained(spec, () -> read(spark, Table.read(spark, spec.paths(), spec.format(), spec.csv(),
                spec.libsvmFeatures()), spec));
    }

    /**
     * As {@link #load(SparkSession, DataSpec)} for rows already read (a DataFrame, {@link Table#of}); the spec's
     * paths only name them.
     */
    public static LoadedData load(SparkSession spark, Table table, DataSpec spec) {
        return explained(spec, () -> read(spark, table, spec));
    }

    /** Runs a read, turning Spark's job failures into the user's error behind them. */
    private static <T> T explained(DataSpec spec, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // Spark's job failures: checked exceptions that Scala throws undeclared
            throw Table.explain(e, String.join(", ", spec.paths()));
        }
    }

    /**
     * Reads and validates the input of {@code spec} in one pass, without caching anything: for commands that
     * go over the rows once (predict). The spec's label is null: labels are not read.
     *
     * @param ignored a column that is never a feature (a label the rows may carry), or null
     * @return the table, its feature columns and the number of invalid rows (0 unless they may be skipped)
     * @throws InputException as {@link #load}
     */
    public static Validated validate(SparkSession spark, DataSpec spec, String ignored) {
        return explained(spec, () -> validateRows(spark, spec, ignored));
    }

    private static Validated validateRows(SparkSession spark, DataSpec spec, String ignored) {
        Table table = Table.read(spark, spec.paths(), spec.format(), spec.csv(), spec.libsvmFeatures());
        FeatureColumns features = resolveFeatures(spark, table, spec, ignored);
        RowParser checker = new RowParser(table, reading(features), spec.label(), null, spec.task(), spec.encoder(),
                spec.handleInvalid().lenient());
        Pass pass = validationPass(spark, table, checker, spec, new Needs(false, false, false));
        logFilled(pass.summary(), features, table.description());
        if (features.isVector()) {
            // sparse only when mostly zeros, and never when the scaler centres (it must see every value)
            boolean sparse = density(pass.summary(), features) < SPARSE_DENSITY
                    && (spec.scaler() == null || !spec.scaler().centres());
            features = FeatureColumns.vector(features.vectorColumn(), features.vectorSize(), sparse);
        }
        return new Validated(table, features, pass.summary().records(), pass.skipped(),
                spec.handleInvalid().lenient());
    }

    /**
     * An input read and validated.
     *
     * @param table    the rows
     * @param features the feature columns
     * @param rows     the rows read
     * @param skipped  the invalid rows (they may be skipped)
     * @param lenient  whether gaps are filled in and unseen categories scored as none ({@link HandleInvalid})
     */
    public record Validated(Table table, FeatureColumns features, long rows, long skipped, boolean lenient) {
    }

    /**
     * What the validation pass must find besides checking the rows.
     *
     * @param moments       the features' moments (for standardisation or mean fills)
     * @param classes       the classes and their counts
     * @param targetMoments the regression target's moments
     */
    private record Needs(boolean moments, boolean classes, boolean targetMoments) {
    }

    /**
     * What the validation pass found.
     *
     * @param summary the rows' summary
     * @param ids     the rows' ids (by split and position)
     * @param skipped the invalid rows, which may be skipped
     */
    private record Pass(DataSummary summary, RowIds ids, long skipped) {
    }

    /**
     * The validation pass, the same for training, held-out and scored rows: one distributed pass that parses and
     * checks every row and sums what it needs, labelled in the Spark UI; then the input must still hold the rows
     * counted, and invalid rows stop the run or are skipped as the spec says.
     */
    private static Pass validationPass(SparkSession spark, Table table, RowParser checker, DataSpec spec, Needs needs) {
        HoldOut holdOut = spec.holdOut();
        boolean moments = needs.moments();
        boolean classes = needs.classes();
        boolean targetMoments = needs.targetMoments();
        spark.sparkContext().setJobDescription("validating " + table.description());
        RowIds ids;
        DataSummary summary;
        try {
            ids = table.rowIds();
            summary = table.rows()
                    .mapPartitions(rows -> Collections.singletonList(DataSummary.ofPartition(rows, ids.counter(),
                            checker, holdOut, moments, classes, targetMoments)).iterator())
                    .treeReduce(DataSummary::merge);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        if (summary.records() != ids.total()) {
            throw new IllegalStateException("the input changed while it was read: " + ids.total() + " records "
                    + "counted, " + summary.records() + " read");
        }
        long skipped = checkRows(summary, table, spec.handleInvalid(), ids, spark.sparkContext().hadoopConfiguration());
        return new Pass(summary, ids, skipped);
    }

    /** Vectors are read as their non-zeros while validating; whether blocks keep them sparse follows the density. */
    private static FeatureColumns reading(FeatureColumns features) {
        return features.isVector() ? FeatureColumns.vector(features.vectorColumn(), features.vectorSize(), true)
                : features;
    }

    /** The share of non-zeros among the valid rows' vector features. */
    private static double density(DataSummary summary, FeatureColumns features) {
        return summary.nonZeros() / ((double) Math.max(1, summary.validRows()) * features.vectorSize());
    }

    /**
     * What the training rows teach the samples: the features (their fills, a vector's sparsity), the classes, the
     * scaler, the target's scaling and the class weights.
     */
    private record Learnt(FeatureColumns features, LabelEncoder encoder, Scaler scaler, Scaler target,
            double[] classWeights) {
    }

    private static LoadedData read(SparkSession spark, Table table, DataSpec spec) {
        FeatureColumns features = resolveFeatures(spark, table, spec, null);
        boolean learnFills = !features.isVector() && features.encoding().columns().stream()
                .anyMatch(column -> column.fills() != null && column.fills().stream().anyMatch(fill -> fill.isNaN()));
        boolean standardizing = spec.standardize() && spec.scaler() == null;
        Needs needs = new Needs(standardizing || learnFills, spec.task() == Task.CLASSIFICATION
                && (spec.encoder() == null || spec.classWeights() != null),
                spec.task() == Task.REGRESSION && spec.standardizeTarget() && spec.target() == null);
        if (needs.moments()) {
            requireMomentsMemory(features.count());
        }
        RowParser checker = new RowParser(table, reading(features), spec.label(), spec.weight(), spec.task(),
                spec.encoder(), spec.handleInvalid().lenient());
        Pass pass = validationPass(spark, table, checker, spec, needs);
        requireTrainingRows(pass.summary(), spec.holdOut(), table.description());
        if (!learnFills) {
            logFilled(pass.summary(), features, table.description());
        }
        Learnt learnt = learn(spark, table, spec, features, checker, pass, needs, learnFills);
        return cache(spark, table, spec, learnt, pass);
    }

    /** Held-out fractions below 1 together must leave rows to train on (a validation file is held out whole). */
    private static void requireTrainingRows(DataSummary summary, HoldOut holdOut, String description) {
        if (holdOut.fraction() + holdOut.testFraction() < 1 && summary.validRows() > 0
                && summary.heldOutRows() == summary.validRows()) {
            throw new InputException("no rows are left to train on: {validationFraction} " + holdOut.fraction()
                    + " and {testFraction} " + holdOut.testFraction() + " hold out all " + summary.validRows()
                    + " valid rows of " + description + "; lower them");
        }
    }

    /** What the validation pass's summary teaches (a median fill takes a pass of its own). */
    private static Learnt learn(SparkSession spark, Table table, DataSpec spec, FeatureColumns features,
            RowParser checker, Pass pass, Needs needs, boolean learnFills) {
        DataSummary summary = pass.summary();
        if (features.isVector()) {
            features = FeatureColumns.vector(features.vectorColumn(), features.vectorSize(),
                    density(summary, features) < SPARSE_DENSITY);
        }
        LabelEncoder encoder = spec.task() == Task.REGRESSION ? null
                : spec.encoder() != null ? spec.encoder() : findClasses(summary, spec.label(), table.description());
        double[] fills = null;
        if (learnFills) {
            fills = spec.imputation() == ColumnChoice.Impute.MEDIAN
                    ? medians(spark, table, checker, pass.ids(), spec.holdOut(), features.encoding())
                    : summary.observedMean();
            features = FeatureColumns.encoded(Imputation.withFills(features.encoding(), fills, summary.filled(),
                    spec.imputation(), table.description()));
        }
        // LibSVM is a sparse format whatever this file's density: a file read later may be sparse, so no centring
        boolean centre = !features.sparse() && table.format() != InputFormat.LIBSVM;
        Scaler scaler = spec.standardize() && spec.scaler() == null ? summary.scaler(fills, centre) : spec.scaler();
        if (features.sparse() && scaler != null && scaler.centres()) {
            throw new InputException(table.description() + " holds sparse vectors, and the model's scaler subtracts "
                    + "means, which would make every zero non-zero; sparse input needs a scaler with mean 0");
        }
        Scaler target = needs.targetMoments() ? summary.targetScaler() : spec.target();
        double[] classWeights = spec.classWeights() == null ? null
                : spec.classWeights().resolve(encoder.labels(), summary.trainingLabelCounts());
        return new Learnt(features, encoder, scaler, target, classWeights);
    }

    /**
     * The partitions the samples are spread over: as asked (the input's, or the cores', whichever is more, when
     * not), but no more than the valid rows, since an empty partition is a task of every iteration that does
     * nothing (a million of them on 60 rows would keep a run from ever finishing).
     */
    private static int partitions(int asked, int inputPartitions, int cores, long validRows) {
        int wanted = asked > 0 ? asked : Math.max(inputPartitions, cores);
        if (asked > validRows && validRows > 0) {
            LOG.warn("{} partitions asked for {} valid rows: spreading the rows over {} partitions",
                    asked, validRows, validRows);
            return (int) validRows;
        }
        return wanted;
    }

    /** Turns the valid rows into samples, stacks them into blocks and caches them, with one line in the log. */
    private static LoadedData cache(SparkSession spark, Table table, DataSpec spec, Learnt learnt, Pass pass) {
        RowParser parser = new RowParser(table, learnt.features(), spec.label(), spec.weight(), spec.task(),
                learnt.encoder(), spec.handleInvalid().lenient());
        RowIds ids = pass.ids();
        Scaler scaler = learnt.scaler();
        Scaler target = learnt.target();
        double[] classWeights = learnt.classWeights();
        JavaRDD<Sample> samples = table.rows()
                .mapPartitions(rows -> new SampleReader(rows, parser, scaler, target, classWeights,
                        ids.counter()));
        int inputPartitions = samples.getNumPartitions();
        int partitions = partitions(spec.partitions(), inputPartitions, spark.sparkContext().defaultParallelism(),
                pass.summary().validRows());
        if (partitions != inputPartitions) {
            samples = samples.repartition(partitions);
        }
        int n0 = learnt.features().count();
        boolean sparse = learnt.features().sparse();
        int blockSize = blockRows(spec.blockRows(), n0, sparse);
        boolean weighted = spec.weight() != null || classWeights != null;
        HoldOut holdOut = spec.holdOut();
        boolean rowIds = spec.rowIds();
        JavaRDD<SampleBlock> built = samples
                .mapPartitions(it -> new BlockIterator(it, n0, blockSize, holdOut, weighted, sparse, rowIds));
        if (spec.precision() == Precision.FLOAT32) {
            built = built.map(SampleBlock::narrowed);
        }
        JavaRDD<SampleBlock> blocks = built.setName("sparkprop blocks of " + table.description())
                .persist(StorageLevel.MEMORY_AND_DISK());
        spark.sparkContext().setJobDescription("caching " + table.description());
        long[] counts = blocks.aggregate(new long[4], DataLoader::count, DataLoader::sum);
        spark.sparkContext().setJobDescription(null);
        LoadedData data = new LoadedData(blocks, counts[0], counts[1], counts[2], pass.skipped(), counts[3],
                blockSize, learnt.features(), learnt.encoder(), scaler, target, table.description());
        logCached(data, table, pass.summary().records(), partitions, spec.precision());
        return data;
    }

    private static void logCached(LoadedData data, Table table, long records, int partitions, Precision precision) {
        LOG.info("{} ({}): {} rows read, {} skipped as invalid, {} kept{}; {} features{}; {} partitions, "
                + "blocks of up to {} rows; {} MB cached ({} x the raw float64 size{})", table.description(),
                table.format().id(), records, data.skipped(), data.rows() + data.heldOut() + data.tests(),
                data.heldOut() + data.tests() > 0 ? " (" + data.heldOut() + " held out for validation, " + data.tests()
                        + " for testing)" : "",
                data.features().count(), data.encoder() == null ? "" : ", " + data.encoder().size() + " classes",
                partitions, data.blockRows(), String.format("%.1f", data.cachedBytes() / 1e6),
                String.format("%.3f", data.cachedBytes() / (double) Math.max(1, data.rawBytes())),
                precision != Precision.FLOAT32 ? "" : data.features().sparse()
                        ? "; blocks of 10 % or more non-zeros in dense float32" : "; features in float32");
    }

    /** The median of every input of a column that is not categorical, over the training rows (others: NaN). */
    private static double[] medians(SparkSession spark, Table table, RowParser parser, RowIds ids, HoldOut holdOut,
            InputEncoding encoding) {
        int[] inputs = Imputation.filledInputs(encoding);
        double[] found = Medians.of(spark, table, parser, ids, holdOut, inputs);
        double[] medians = new double[encoding.width()];
        java.util.Arrays.fill(medians, Double.NaN);
        for (int k = 0; k < inputs.length; k++) {
            medians[inputs[k]] = found[k];
        }
        return medians;
    }

    /** Adds a block to (training rows, validation rows, test rows, bytes). */
    private static long[] count(long[] counts, SampleBlock block) {
        counts[block.role().ordinal()] += block.size();
        counts[3] += block.sizeInBytes();
        return counts;
    }

    private static long[] sum(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /**
     * Vector features are kept sparse below this density of non-zeros (a non-zero costs 12 bytes sparse,
     * 8 dense, so sparse pays from 2/3 down; below 1/2 it is clearly smaller and faster).
     */
    static final double SPARSE_DENSITY = 0.5;

    /** Rows per block of sparse samples, whose size follows their non-zeros, not n_0. */
    static final int SPARSE_BLOCK_ROWS = 1024;

    /**
     * Refuses --standardize for data so wide that its moments (Spark's summarizer keeps about 8 dense arrays of
     * the features in each task, and the driver merges them) do not fit the driver's free memory.
     */
    private static void requireMomentsMemory(int featureCount) {
        long needed = 8L * MOMENT_ARRAYS * featureCount;
        long free = JvmLimits.freeHeapBytes();
        if (needed > free / 2) {
            throw new SettingException("standardize", "{standardize} needs the mean and variance of each of the "
                    + String.format("%,d", featureCount) + " features: about " + (needed >> 20) + " MB in each task "
                    + "and on the driver, which has " + (free >> 20) + " MB free; leave {standardize} off for data "
                    + "this wide, or give the driver and executors more memory");
        }
    }

    /**
     * The rows of a block: the requested number, or the one chosen for the features; a dense block's
     * n_0 x rows feature values must fit one Java array, so a chosen size shrinks and a requested one that
     * cannot is refused.
     */
    static int blockRows(int requested, int featureCount, boolean sparse) {
        int rows = requested > 0 ? requested : sparse ? SPARSE_BLOCK_ROWS : blockSize(featureCount);
        if (sparse || (long) featureCount * rows <= JvmLimits.MAX_ARRAY_LENGTH) {
            return rows;
        }
        if (requested > 0) {
            throw new SettingException("blockSize", requested, "rows of " + featureCount + " features are more "
                    + "values than one array holds (" + JvmLimits.MAX_ARRAY_LENGTH + "); choose {blockSize} <= "
                    + JvmLimits.MAX_ARRAY_LENGTH / featureCount);
        }
        return Math.max(1, JvmLimits.MAX_ARRAY_LENGTH / featureCount);
    }

    /** Rows per block: about {@link #BLOCK_BYTES} of features, at least 64 and at most 4096 rows. */
    static int blockSize(int featureCount) {
        long rows = BLOCK_BYTES / (8L * featureCount);
        return (int) Math.max(64, Math.min(4096, rows));
    }

    /**
     * The feature columns of the spec's table: the spec's encoding (a model's), one vector column, or the
     * scalar columns with the roles {@link ColumnRoles} finds.
     */
    private static FeatureColumns resolveFeatures(SparkSession spark, Table table, DataSpec spec, String ignored) {
        List<String> columns = table.columns();
        if (spec.label() != null && !columns.contains(spec.label())) {
            throw new InputException(labelNotFound(spec.label(), columns, table.description()));
        }
        if (spec.weight() != null && !columns.contains(spec.weight())) {
            throw new InputException("weight column '" + spec.weight() + "' not found in " + table.description()
                    + DidYouMean.hint(spec.weight(), columns) + " (its columns are " + preview(columns) + ")");
        }
        Set<String> excluded = new LinkedHashSet<>();
        if (spec.label() != null) {
            excluded.add(spec.label());
        }
        if (spec.weight() != null) {
            excluded.add(spec.weight());
        }
        if (ignored != null && columns.contains(ignored)) {
            excluded.add(ignored);
        }
        if (spec.encoding() != null) {
            return known(table, spec.encoding(), excluded);
        }
        ColumnRoles.Candidates candidates = ColumnRoles.candidates(table, spec, excluded);
        List<String> names = candidates.columns();
        List<String> vectors = names.stream()
                .filter(name -> table.schema().apply(name).dataType().equals(SQLDataTypes.VectorType())).toList();
        if (!vectors.isEmpty()) {
            // without named features, a vector column beside text (ids, names) is the features; beside numbers, unclear
            List<String> numbers = names.stream().filter(name -> !vectors.contains(name)).filter(name -> {
                FieldReader reader = FieldReader.of(table.schema().apply(name).dataType());
                return reader != null && reader.isNumeric();
            }).toList();
            if (candidates.named() ? names.size() != 1 : vectors.size() != 1 || !numbers.isEmpty()) {
                throw new InputException(candidates.named() ? "a vector column must be the only feature column; got "
                        + preview(names) : table.description() + " has vector column(s) " + vectors + " and numeric "
                        + "columns " + preview(numbers) + "; say which are the features with {features}");
            }
            Vector first = firstVector(table, vectors.get(0));
            int size = spec.libsvmFeatures() > 0 ? spec.libsvmFeatures() : first.size();
            boolean sparse = table.format() == InputFormat.LIBSVM || first instanceof SparseVector;
            return FeatureColumns.vector(vectors.get(0), size, sparse);
        }
        return FeatureColumns.encoded(ColumnRoles.encode(spark, table, candidates, spec, excluded));
    }

    /** A model's encoding of the table's columns, each of which must be there with a type it can read. */
    private static FeatureColumns known(Table table, InputEncoding encoding, Set<String> excluded) {
        for (String name : FeatureColumns.expand(table, encoding.columnNames(), excluded, "features")) {
            if (excluded.contains(name)) {
                throw new InputException("the column '" + name + "' is the label or the weight; it cannot also be a "
                        + "feature");
            }
            DataType type = table.schema().apply(name).dataType();
            if (FieldReader.ofValues(type) == null) {
                throw new InputException("column '" + name + "' of " + table.description() + " is of type "
                        + type.simpleString() + ", not a number");
            }
        }
        return FeatureColumns.encoded(encoding);
    }

    /**
     * The first non-null vector of a column: its size is the features' (every row is checked later), and
     * whether it is sparse decides how the samples are kept.
     */
    private static Vector firstVector(Table table, String column) {
        UserDefinedType<?> type = (UserDefinedType<?>) table.schema().apply(column).dataType();
        List<Vector> first = table.rows(List.of(column)).filter(row -> !row.isNullAt(0))
                .map(row -> (Vector) type.deserialize(row.get(0, type.sqlType()))).take(1);
        if (first.isEmpty()) {
            throw new InputException("vector column '" + column + "' of " + table.description() + " holds no vector");
        }
        return first.get(0);
    }

    /**
     * Logs the gaps filled in and the categories not seen in training, per column, when there were any (the
     * training rows' fills are logged where they are learnt).
     */
    private static void logFilled(DataSummary summary, FeatureColumns features, String description) {
        if (summary.filled() == null || features.isVector()) {
            return;
        }
        List<String> lines = new java.util.ArrayList<>();
        long filled = 0;
        long unseen = 0;
        for (int c = 0; c < summary.filled().length; c++) {
            String column = features.encoding().columns().get(c).name();
            filled += summary.filled()[c];
            unseen += summary.unseen()[c];
            if (summary.filled()[c] > 0) {
                lines.add("  " + column + ": " + String.format("%,d", summary.filled()[c]) + " missing, filled in");
            }
            if (summary.unseen()[c] > 0) {
                lines.add("  " + column + ": " + String.format("%,d", summary.unseen()[c]) + " categories not seen in "
                        + "training, scored as none of the known ones");
            }
        }
        if (!lines.isEmpty()) {
            LOG.info("{}: {} missing values filled in, {} values of categories not seen in training:\n{}",
                    description, String.format("%,d", filled), String.format("%,d", unseen),
                    String.join("\n", lines));
        }
    }

    private static long checkRows(DataSummary summary, Table table, HandleInvalid handleInvalid, RowIds ids,
            Configuration conf) {
        long invalid = summary.invalidRows();
        String first = summary.firstProblem(table, ids, conf);
        if (summary.validRows() == 0) {
            throw new InputException("no valid rows in " + table.description()
                    + (first == null ? ": the input is empty" : "; the first invalid one: " + first));
        }
        if (invalid == 0) {
            return 0;
        }
        if (!handleInvalid.skipsRows()) {
            throw new InputException(first + (invalid > 1 ? " (" + invalid + " invalid rows in all)" : "")
                    + (summary.firstIsGap() ? "; fill gaps in with {impute} mean|median (the default unless "
                            + "{handleInvalid} error) or drop such rows with {handleInvalid} skip"
                            : "; use {handleInvalid} skip to drop invalid rows"));
        }
        LOG.warn("skipped {} invalid row(s) of {}; the first: {}", invalid, table.description(), first);
        return invalid;
    }

    private static LabelEncoder findClasses(DataSummary summary, String label, String description) {
        if (summary.tooManyLabels()) {
            throw new InputException("label column '" + label + "' of " + description + " has more than "
                    + DataSummary.MAX_CLASSES + " distinct values; for a numeric target use {task} regression");
        }
        if (summary.labelCounts().size() < 2) {
            throw new InputException("label column '" + label + "' of " + description + " has a single value "
                    + summary.labelCounts().keySet() + "; a classifier needs at least two classes");
        }
        return LabelEncoder.fromObserved(summary.labelCounts().keySet());
    }

    /** "label column 'x' not found in FILE; did you mean 'y'? (its columns are ...; choose one with {label})". */
    public static String labelNotFound(String label, List<String> columns, String description) {
        return "label column '" + label + "' not found in " + description + DidYouMean.hint(label, columns)
                + " (its columns are " + preview(columns) + "; choose one with {label})";
    }

    static String preview(List<String> names) {
        if (names.size() <= 12) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    }
}
