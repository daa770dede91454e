package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;
import io.github.sparkprop.SettingException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LabelEncoder;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.internal.train.TrainingSpec.Files;
import io.github.sparkprop.internal.train.TrainingSpec.Frame;
import io.github.sparkprop.math.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The data of a run, read, validated and cached: the training rows' blocks with the validation rows' beside them
 * (from a fraction, files or an indicator column), and the test rows scored once at the end. Held-out rows take the
 * training rows' columns, encoding, classes and scaling. {@link #close} releases every cached block.
 */
final class PreparedData implements AutoCloseable {

    private final List<LoadedData> loaded = new ArrayList<>();
    private LoadedData training;
    private JavaRDD<SampleBlock> blocks;
    private LoadedData test;

    private PreparedData() {
    }

    /**
     * Reads the spec's data, with the start model's columns, classes and scaler when there is one.
     *
     * @param rowIds whether the blocks keep their rows' ids (mini-batches need them)
     * @throws io.github.sparkprop.InputException for bad input (nothing stays cached)
     */
    static PreparedData load(SparkSession spark, TrainingSpec spec, Model init, Task task, boolean rowIds) {
        PreparedData data = new PreparedData();
        try {
            DataSpec training = dataSpec(spec, init, task, rowIds);
            if (spec.source() instanceof Files files) {
                data.readFiles(spark, files, training);
            } else if (spec.source() instanceof Frame frame) {
                data.readFrame(spark, frame, spec.columns(), training);
            }
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private void readFiles(SparkSession spark, Files files, DataSpec spec) {
        training = keep(DataLoader.load(spark, spec));
        blocks = training.blocks();
        if (files.validation() != null) {
            blocks = blocks.union(keep(DataLoader.load(spark, heldOut(spec, files.validation(), true))).blocks());
        }
        if (files.test() != null) {
            test = keep(DataLoader.load(spark, heldOut(spec, files.test(), false)));
        }
    }

    private void readFrame(SparkSession spark, Frame frame, TrainingSpec.Columns columns, DataSpec spec) {
        Dataset<Row> rows = frame.rows().toDF();
        String indicator = frame.validationIndicator();
        if (indicator != null) {
            long unmarked = rows.filter(functions.col(indicator).isNull()).count();
            if (unmarked > 0) {
                throw new SettingException("validationIndicator", "{validationIndicator} " + indicator + " is null in "
                        + unmarked + " rows; mark every row true (validation) or false (training)");
            }
        }
        Column[] selected = frameColumns(columns);
        Dataset<Row> trainingRows = indicator == null ? rows : rows.filter(functions.not(functions.col(indicator)));
        training = keep(DataLoader.load(spark, Table.of(trainingRows.select(selected), frame.description()), spec));
        blocks = training.blocks();
        if (indicator != null) {
            String description = "the DataFrame's validation rows";
            blocks = blocks.union(keep(DataLoader.load(spark, Table.of(rows.filter(functions.col(indicator))
                    .select(selected), description), heldOut(spec, List.of(description), true))).blocks());
        }
    }

    /** How the training rows are read: the spec's columns, or the start model's columns, classes and scaler. */
    private static DataSpec dataSpec(TrainingSpec spec, Model init, Task task, boolean rowIds) {
        TrainingSpec.Columns columns = spec.columns();
        SettingValues settings = spec.settings();
        boolean standardize = init == null && settings.flag(TrainingSettings.STANDARDIZE);
        DataSpec.Builder data = spec.source() instanceof Files files
                ? DataSpec.of(files.paths()).format(files.format()).csv(files.csv())
                        .handleInvalid(files.handleInvalid()).partitions(files.partitions())
                : DataSpec.of(List.of(spec.source().description())).format(InputFormat.PARQUET);
        data.label(columns.label()).features(columns.features()).weight(columns.weight()).task(task)
                .encoder(labels(spec, init, task)).standardize(standardize)
                .holdOut(new HoldOut(settings.longInteger(TrainingSettings.SEED), spec.validationFraction(),
                        spec.testFraction()))
                .classWeights(columns.classWeights())
                .rowIds(rowIds)
                .choice(columns.choice())
                .standardizeTarget(standardize && task == Task.REGRESSION) // folded back: TargetUnits
                .blockRows(settings.integer(TrainingSettings.BLOCK_SIZE))
                .precision(TrainingSettings.precision(settings));
        if (init != null) {
            String vector = init.vectorColumn();
            data.features(vector != null ? List.of(vector) : null).scaler(init.scaler()).encoding(init.encoding())
                    .libsvmFeatures(vector != null ? init.network().inputSize() : 0);
        }
        return data.build();
    }

    /** The classes when they are known before reading: the start model's, or a DataFrame's indices. */
    private static LabelEncoder labels(TrainingSpec spec, Model init, Task task) {
        if (task != Task.CLASSIFICATION) {
            return null;
        }
        if (init != null) {
            return LabelEncoder.ofLabels(init.labels());
        }
        return spec.source() instanceof Frame frame
                ? LabelEncoder.ofLabels(IntStream.range(0, frame.classes()).mapToObj(Integer::toString).toList())
                : null;
    }

    /** The training rows' columns, classes and scaling applied to held-out rows, all of them validation or none. */
    private DataSpec heldOut(DataSpec spec, List<String> paths, boolean validation) {
        return spec.withPaths(paths, training.encoder(), training.scaler(), training.features(), training.target(),
                validation);
    }

    private static Column[] frameColumns(TrainingSpec.Columns columns) {
        List<Column> selected = new ArrayList<>();
        columns.features().forEach(feature -> selected.add(functions.col(feature)));
        selected.add(functions.col(columns.label()));
        if (columns.weight() != null) {
            selected.add(functions.col(columns.weight()));
        }
        return selected.toArray(Column[]::new);
    }

    private LoadedData keep(LoadedData data) {
        loaded.add(data);
        return data;
    }

    /** The training rows as cached. */
    LoadedData training() {
        return training;
    }

    /** The training rows' blocks with the validation (and held-out test) rows' beside them. */
    JavaRDD<SampleBlock> blocks() {
        return blocks;
    }

    /** The test rows of files of their own, or null. */
    LoadedData test() {
        return test;
    }

    @Override
    public void close() {
        loaded.forEach(LoadedData::release);
        loaded.clear();
    }
}
