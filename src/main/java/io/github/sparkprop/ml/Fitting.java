package io.github.sparkprop.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.Task;
import io.github.sparkprop.data.CsvOptions;
import io.github.sparkprop.data.DataLoader;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.HoldOut;
import io.github.sparkprop.data.InputFormat;
import io.github.sparkprop.data.LabelEncoder;
import io.github.sparkprop.data.LoadedData;
import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.data.Table;
import io.github.sparkprop.evaluate.Evaluator;
import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.model.Model;
import io.github.sparkprop.optim.Adam;
import io.github.sparkprop.optim.GradientDescent;
import io.github.sparkprop.optim.Lbfgs;
import io.github.sparkprop.optim.Momentum;
import io.github.sparkprop.optim.Optimizer;
import io.github.sparkprop.optim.Schedule;
import io.github.sparkprop.spark.TreeDepth;
import io.github.sparkprop.train.CheckpointStore;
import io.github.sparkprop.train.DistributedObjective;
import io.github.sparkprop.train.MiniBatch;
import io.github.sparkprop.train.Trainer;
import io.github.sparkprop.train.TrainingRun;
import io.github.sparkprop.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What {@code fit} does for sparkprop's estimators: the DataFrame's rows validated and cached as blocks (the
 * validation indicator's rows as validation blocks), the network for the task, the distributed trainer of
 * {@code sparkprop train}, and the final metrics. Checkpoints, when a directory is set, are written as the
 * command line writes them, and a fit whose directory holds checkpoints of the same settings resumes from the
 * newest.
 */
final class Fitting {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The params whose values change the trained weights (not the output columns, not where checkpoints go). */
    private static final java.util.Set<String> DECISIVE = java.util.Set.of("featuresCol", "labelCol", "weightCol",
            "validationIndicatorCol", "hiddenLayers", "activation", "loss", "optimizer", "stepSize", "maxIter",
            "batchFraction", "regParam", "tol", "seed", "blockSize");

    private Fitting() {
    }

    /** A trained model and what its training went through. */
    record Fitted(Model model, TrainingSummary summary) {
    }

    /**
     * @param classes the number of classes, labels 0 .. classes - 1 (0 for regression)
     */
    static Fitted fit(Dataset<?> dataset, SparkPropParams<?> params, String featuresCol, String labelCol, Task task,
            int classes) {
        if (params.getOptimizer().equals("lbfgs") && params.getBatchFraction() < 1) {
            throw new IllegalArgumentException("optimizer lbfgs needs full batches (batchFraction 1): its line search "
                    + "compares losses of the same data");
        }
        SparkSession spark = dataset.sparkSession();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String weight = params.getWeightCol();
        String indicator = params.getValidationIndicatorCol();
        List<Column> selected = new ArrayList<>(List.of(functions.col(featuresCol), functions.col(labelCol)));
        if (weight != null) {
            selected.add(functions.col(weight));
        }
        Column[] columns = selected.toArray(Column[]::new);
        Dataset<Row> rows = dataset.toDF();
        if (indicator != null) {
            long unmarked = rows.filter(functions.col(indicator).isNull()).count();
            if (unmarked > 0) {
                throw new IllegalArgumentException("validationIndicatorCol " + indicator + " is null in " + unmarked
                        + " rows; mark every row true (validation) or false (training)");
            }
        }
        Dataset<Row> training = indicator == null ? rows : rows.filter(functions.not(functions.col(indicator)));
        LabelEncoder encoder = task == Task.REGRESSION ? null
                : LabelEncoder.ofLabels(IntStream.range(0, classes).mapToObj(Integer::toString).toList());
        DataSpec spec = new DataSpec(List.of("the DataFrame"), InputFormat.PARQUET, CsvOptions.DEFAULT, labelCol,
                List.of(featuresCol), weight, task, encoder, null, false, false, 0, HoldOut.NONE, null, 0,
                params.getBatchFraction() < 1);
        List<LoadedData> loaded = new ArrayList<>();
        try {
            LoadedData train = DataLoader.load(spark, Table.of(training.select(columns),
                    "the DataFrame"), spec, params.getBlockSize());
            loaded.add(train);
            JavaRDD<SampleBlock> blocks = train.blocks();
            if (indicator != null) {
                String description = "the DataFrame's validation rows";
                LoadedData validation = DataLoader.load(spark, Table.of(rows.filter(functions.col(indicator))
                        .select(columns), description), spec.withPaths(List.of(description),
                        encoder, null, train.features(), true), params.getBlockSize());
                loaded.add(validation);
                blocks = blocks.union(validation.blocks());
            }
            return train(context, blocks, train, params, task, classes, indicator != null, featuresCol);
        } finally {
            loaded.forEach(LoadedData::release);
        }
    }

    private static Fitted train(JavaSparkContext context, JavaRDD<SampleBlock> blocks, LoadedData train,
            SparkPropParams<?> params, Task task, int classes, boolean validating, String featuresCol) {
        String loss = params.getLoss();
        Network network = Network.forTask(train.features().count(), params.getHiddenLayers(),
                Activation.fromId(params.getActivation()), task, classes, loss.equals("auto") ? null : Loss.fromId(loss));
        List<String> labels = train.encoder() == null ? null : train.encoder().labels();
        int depth = TreeDepth.forPartitions(blocks.getNumPartitions());
        DistributedObjective objective = new DistributedObjective(context, blocks, network,
                new L2Penalty(params.getRegParam()), depth, new MiniBatch(params.getSeed(), params.getBatchFraction()),
                validating ? new DistributedObjective.Validation(1, labels) : DistributedObjective.Validation.NONE);
        int iterations = params.getMaxIter();
        ObjectNode settings = settings(params, network, train);
        CheckpointStore checkpoints = null;
        if (params.getCheckpointDir() != null) {
            // which data the checkpoints belong to: a pass over the cached blocks, only when checkpointing
            settings.put("dataHash", blocks.map(SampleBlock::contentHash).reduce(Long::sum));
            checkpoints = new CheckpointStore(checkpointPath(params.getCheckpointDir(), settings),
                    context.hadoopConfiguration(), settings);
        }
        TrainingState latest = checkpoints == null ? null : checkpoints.loadLatest();
        TrainingState from = latest != null ? latest
                : TrainingState.start(WeightInit.initialize(network, params.getSeed()));
        long start = System.nanoTime();
        TrainingRun run = new Trainer(objective, optimizer(params),
                new Trainer.Settings(iterations, params.getTol(), 0, params.getCheckpointInterval(), 0), checkpoints)
                .run(from);
        double seconds = (System.nanoTime() - start) / 1e9;

        Evaluator.Final metrics = Evaluator.ofTrainingAndValidation(context, blocks, network, run.weights(), labels,
                depth, validating);
        Metrics trainMetrics = metrics.training();
        Metrics validationMetrics = metrics.validation();
        ObjectNode training = JSON.createObjectNode();
        training.set("settings", settings);
        training.put("rows", train.rows());
        training.put("iterationsRun", run.iterations());
        training.put("stopReason", run.stopReason());
        training.put("seconds", seconds);
        training.set("trainMetrics", JSON.valueToTree(trainMetrics.asMap()));
        if (validationMetrics != null) {
            training.set("validationMetrics", JSON.valueToTree(validationMetrics.asMap()));
        }
        Model model = new Model(network, run.weights(), task, labels, null, featuresCol, null, training);
        return new Fitted(model, new TrainingSummary(run.history(), run.stopReason(), trainMetrics,
                validationMetrics));
    }

    /** gd, momentum (0.9) and Adam (its usual betas) at a constant stepSize, or L-BFGS. */
    private static Optimizer optimizer(SparkPropParams<?> params) {
        Schedule rate = Schedule.constant(params.getStepSize());
        return switch (params.getOptimizer()) {
            case "momentum" -> new Momentum(rate, 0.9, false);
            case "adam" -> new Adam(rate, Adam.BETA1, Adam.BETA2, Adam.EPSILON);
            case "lbfgs" -> new Lbfgs(10);
            default -> new GradientDescent(rate);
        };
    }

    /**
     * The params that decide the result, under the names checkpoints use (learningRate and iterations may
     * change on resuming), the network, and the training data's size.
     */
    private static ObjectNode settings(SparkPropParams<?> params, Network network, LoadedData train) {
        ObjectNode settings = JSON.createObjectNode();
        for (Param<?> param : params.params()) {
            if (params.isDefined(param) && DECISIVE.contains(param.name())) {
                String name = param.name().equals("stepSize") ? "learningRate"
                        : param.name().equals("maxIter") ? "iterations" : param.name();
                settings.put(name, encode(param, params.getOrDefault(param)));
            }
        }
        settings.put("network", network.toString());
        settings.put("trainingRows", train.rows());
        return settings;
    }

    /**
     * Where the checkpoints of this fit go: a directory of its own under checkpointDir, named after its
     * settings (but the iterations and learning rate), so that fits of other params or data (CrossValidator's
     * folds and grid points) never resume each other, and a fit run again, or with more iterations, resumes.
     */
    private static String checkpointPath(String checkpointDir, ObjectNode settings) {
        ObjectNode identity = settings.deepCopy();
        identity.remove(List.of("learningRate", "iterations"));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new org.apache.hadoop.fs.Path(checkpointDir,
                    "fit-" + java.util.HexFormat.of().formatHex(digest, 0, 8)).toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String encode(Param<T> param, Object value) {
        return param.jsonEncode((T) value);
    }
}
