package io.github.sparkprop.internal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.train.TrainingSettings;
import io.github.sparkprop.math.Blas;
import io.github.sparkprop.math.Elementwise;
import io.github.sparkprop.math.Precision;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sparkprop bench}: sparkprop against MLlib, side by side in one JVM. */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Times sparkprop against MLlib in one JVM on the same cached data, master, layer sizes and "
                + "iterations, alternating after a warm-up: the MNIST network and a synthetic one (against "
                + "MultilayerPerceptronClassifier, sigmoid hidden layers, gd), logistic regression per pass "
                + "over the data (against LogisticRegression), the fixed cost of an iteration on a tiny data "
                + "set, and of a 4.2M-parameter network on it in 2, 8 and 32 partitions, sparkprop alone on "
                + "growing row counts, and the machine's dgemm and sgemm rates. The network and logistic cases run "
                + "in each of --precisions (sparkprop in float32 beside float64; MLlib always float64) and give "
                + "the training accuracy each side reached. Prints a table and "
                + "writes the figures as JSON. Run it once with --master local[1] and once with local[2] to see "
                + "how it scales with cores.", ""},
        footer = {"", "Example:", "  sparkprop bench --cases mnist,logistic --repeats 5",
            "", "Exit codes: 0 success, 2 bad usage, 1 internal failure."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cases", paramLabel = "LIST", split = ",",
            defaultValue = "mnist,synthetic,logistic,tiny,aggregation,rows,gemm",
            description = "What to run: mnist, synthetic, logistic, tiny, aggregation (the fixed cost of an "
                    + "iteration of a 4.2M-parameter network [4,4096,1024,3] on 150 rows in 2, 8 and 32 partitions, "
                    + "sparkprop alone), rows (sparkprop alone on the row counts of --rows-series), gemm, scaling "
                    + "(Spark standalone clusters of --scaling-workers one-core workers started on this machine, "
                    + "networks of about 100k, 4M and 30M parameters on the same rows per executor and on the same "
                    + "data, what each iteration broadcasts, returns, merges and computes, beside MLlib's network; run "
                    + "last, from submit/local.sh; about 2 GB of memory per worker), and load (CSV loading time of wide tables against narrow "
                    + "ones of as many values: 8,000 x 785 vs 202,580 x 31 and 200 x 5,000 vs 32,258 x 31, "
                    + "sparkprop alone), and defaults (every table of the --corpus trained with the default options, "
                    + "as a linear model and with --hidden 32, scored on its test file beside scikit-learn's "
                    + "baseline; prepare the corpus with scripts/corpus/run.sh), tune (8 candidates on the tiny, mnist "
                    + "and synthetic data, hidden 32, 64, 128 and 256 x learning rate 0.1 and 0.3, trained together as sparkprop's search, as 8 separate sparkprop fits, and as 8 MLlib fits, in each of "
                    + "--precisions), and crossvalidation (the same 8 candidates on mnist, 3 folds, from the Java ML "
                    + "API: SparkPropCrossValidator, Spark's CrossValidator over SparkPropClassifier, and over "
                    + "MultilayerPerceptronClassifier). Default: ${DEFAULT-VALUE}")
    List<String> cases;

    @Option(names = "--precisions", paramLabel = "LIST", split = ",", defaultValue = "float64,float32",
            description = "The precisions sparkprop runs the mnist, synthetic and logistic cases in, each side by "
                    + "side with MLlib (which computes in float64). Default: ${DEFAULT-VALUE}")
    List<String> precisions;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Iterations per timed run. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Timed runs of each side, alternating (the scaling case: measured runs of each "
                    + "configuration, the median kept). Default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--mnist", paramLabel = "PATH", defaultValue = "data/mnist-train-8k.csv.gz",
            description = "The MNIST CSV. Default: ${DEFAULT-VALUE}")
    String mnist;

    @Option(names = "--network-rows", paramLabel = "N", defaultValue = "200000",
            description = "Rows of the synthetic network data (784 features, 10 classes). Default: ${DEFAULT-VALUE}")
    long networkRows;

    @Option(names = "--logistic-rows", paramLabel = "N", defaultValue = "1000000",
            description = "Rows of the synthetic logistic data (100 features). Default: ${DEFAULT-VALUE}")
    long logisticRows;

    @Option(names = "--rows-series", paramLabel = "LIST", split = ",", defaultValue = "250000,500000,1000000,2000000",
            description = "Row counts of the rows case (sparkprop alone, [100,64,10], 100 features), each a "
                    + "multiple of the smallest. Default: ${DEFAULT-VALUE}")
    List<Long> rowsSeries;

    @Option(names = "--scaling-workers", paramLabel = "LIST", split = ",", defaultValue = "1,2,4,8",
            description = "The cluster sizes of the scaling case, in one-core workers. Default: ${DEFAULT-VALUE}")
    List<Integer> scalingWorkers;

    @Option(names = "--scaling-networks", paramLabel = "LIST", split = ",", defaultValue = "100k,4m,30m",
            description = "The networks of the scaling case: 100k ([100,896,10], 5,000 rows per executor), 4m "
                    + "([1000,2048,1024,10], 500 rows) and 30m ([1000,4096,4096,2048,10], 64 rows). "
                    + "Default: ${DEFAULT-VALUE}")
    List<String> scalingNetworks;

    @Option(names = "--scaling-iterations", paramLabel = "N", defaultValue = "4",
            description = "Iterations of each run of the scaling case (the first is left out of its figures). "
                    + "Default: ${DEFAULT-VALUE}")
    int scalingIterations;

    @Option(names = "--scaling-mllib", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            defaultValue = "true", description = "Whether the scaling case times MLlib's network beside sparkprop's "
                    + "(weak scaling). Default: ${DEFAULT-VALUE}")
    boolean scalingMllib;

    @Option(names = "--scaling-executor-memory", paramLabel = "SIZE", defaultValue = "1800m",
            description = "The memory of each executor of the scaling case (spark.executor.memory; the 30m network "
                    + "needs about 3g). Default: ${DEFAULT-VALUE}")
    String scalingExecutorMemory;

    @Option(names = "--tune-data", paramLabel = "LIST", split = ",", defaultValue = "tiny,mnist,synthetic",
            description = "The data sets of the tune case: tiny (150 rows, 4 features), mnist, synthetic "
                    + "(--network-rows). Default: ${DEFAULT-VALUE}")
    List<String> tuneData;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "target/corpus",
            description = "The prepared corpus of real tables of the defaults case. Default: ${DEFAULT-VALUE}")
    String corpus;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A training setting for every run of the defaults case, by its key (l2=0.001, "
                    + "earlyStopping=10), to measure another default against the corpus (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/bench",
            description = "Where the generated data (kept for later runs) and results go. Default: ${DEFAULT-VALUE}")
    String workDir;

    @Mixin
    SparkOptions sparkOptions;

    /** The cases, in the order they run. */
    private static final List<String> CASES = List.of("mnist", "synthetic", "logistic", "tiny", "aggregation",
            "rows", "gemm", "load", "defaults", "tune", "crossvalidation", "scaling");
    private static final List<String> TUNE_DATA = List.of("tiny", "mnist", "synthetic");
    private static final int[] NETWORK = {784, 128, 10};
    private static final int[] TINY = {4, 8, 3};
    private static final int[] LARGE_ON_TINY = {4, 4096, 1024, 3};
    private static final int[] AGGREGATION_PARTITIONS = {2, 8, 32};
    private static final int[] ROWS_SERIES = {100, 64, 10};
    /** The most multiples of the smallest --rows-series count, each one file of the rows data set. */
    private static final int MAX_ROWS_PARTS = 1024;
    /** The most workers of a scaling cluster (each an executor JVM of about 2 GB on this machine). */
    private static final int MAX_SCALING_WORKERS = 64;

    @Override
    public Integer call() throws IOException, InterruptedException {
        checkCases();
        checkTuneData();
        checkCounts();
        checkRowsSeries();
        checkScaling();
        precisions();
        checkWorkDir();
        SparkSession spark = sparkOptions.session();
        Benchmark benchmark = new Benchmark(spark, iterations, repeats);
        List<Benchmark.Result> results = new ArrayList<>();
        for (Precision precision : precisions()) {
            String suffix = precision == Precision.FLOAT64 ? "" : " " + precision.id();
            if (cases.contains("mnist")) {
                results.add(benchmark.network("mnist 8k [784,128,10]" + suffix, mnistParquet(spark), NETWORK,
                        precision));
            }
            if (cases.contains("synthetic")) {
                results.add(benchmark.network("synthetic " + networkRows / 1000 + "k [784,128,10]" + suffix,
                        Benchmark.synthetic(spark, workDir + "/network-" + networkRows + ".parquet", networkRows, 784,
                                10, 1), NETWORK, precision));
            }
            if (cases.contains("logistic")) {
                results.add(benchmark.logistic("logistic " + logisticRows / 1000 + "k x 100" + suffix,
                        Benchmark.synthetic(spark, workDir + "/logistic-" + logisticRows + ".parquet", logisticRows,
                                100, 2, 2), 100, precision));
            }
        }
        if (cases.contains("tiny")) {
            results.add(benchmark.network("tiny 150 [4,8,3]",
                    Benchmark.synthetic(spark, workDir + "/tiny-150.parquet", 150, 4, 3, 3), TINY, Precision.FLOAT64));
        }
        if (cases.contains("aggregation")) {
            String tiny = Benchmark.synthetic(spark, workDir + "/tiny-150.parquet", 150, 4, 3, 3);
            for (int partitions : AGGREGATION_PARTITIONS) {
                results.add(benchmark.sparkpropOnly("4.2M params, 150 rows, " + partitions + " parts", List.of(tiny),
                        LARGE_ON_TINY, partitions));
            }
        }
        if (cases.contains("rows")) {
            results.addAll(rowsSeries(spark, benchmark));
        }
        int cores = spark.sparkContext().defaultParallelism();
        GemmRate gemm = cases.contains("gemm") ? GemmRate.measure(Precision.FLOAT64, NETWORK[1], 668, NETWORK[0], cores)
                : null;
        GemmRate sgemm = cases.contains("gemm")
                ? GemmRate.measure(Precision.FLOAT32, NETWORK[1], 668, NETWORK[0], cores) : null;
        List<DefaultsCase.Run> defaults = cases.contains("defaults")
                ? DefaultsCase.run(spark, corpus, settings(), spec.commandLine().getOut()) : List.of();
        List<LoadCase> loads = new ArrayList<>();
        if (cases.contains("load")) {
            loads.add(LoadCase.measure(spark, workDir, 8_000, 785, 202_580, 31, repeats));
            loads.add(LoadCase.measure(spark, workDir, 200, 5_000, 32_258, 31, repeats));
        }
        List<TuneCase> searches = cases.contains("tune") ? searches(spark, benchmark) : List.of();
        CrossValidationCase validation = cases.contains("crossvalidation") ? CrossValidationCase.measure(spark,
                "mnist 8k, 8 maps x 3 folds", mnistParquet(spark), NETWORK[0], NETWORK[2], iterations) : null;
        String master = spark.sparkContext().master();
        List<ClusterScaling.Run> scaling = cases.contains("scaling") ? ClusterScaling.measure(spark, workDir,
                scalingWorkers, scalingNetworks, scalingIterations, repeats, scalingMllib, scalingExecutorMemory,
                spec.commandLine().getOut())
                : List.of();
        report(results, loads, defaults, new Searches(searches, validation), scaling, gemm, sgemm, cores, master);
        return 0;
    }

    /** What the tune and crossvalidation cases measured (none: an empty list, a null validation). */
    private record Searches(List<TuneCase> tune, CrossValidationCase validation) {
    }

    /** The tune case on the tiny data, mnist and the synthetic network data, in each precision (MLlib's time measured once). */
    private List<TuneCase> searches(SparkSession spark, Benchmark benchmark) {
        List<TuneCase> searches = new ArrayList<>();
        Map<String, String[]> sets = new LinkedHashMap<>();
        sets.put("tiny", new String[] {"tiny 150", Benchmark.synthetic(spark, workDir + "/tiny-150.parquet", 150,
                TINY[0], TINY[2], 3)});
        sets.put("mnist", new String[] {"mnist 8k", mnistParquet(spark)});
        sets.put("synthetic", new String[] {"synthetic " + networkRows / 1000 + "k", Benchmark.synthetic(spark,
                workDir + "/network-" + networkRows + ".parquet", networkRows, NETWORK[0], NETWORK[2], 1)});
        for (String set : tuneData) {
            String[] named = sets.get(set);
            int[] sizes = set.equals("tiny") ? TINY : NETWORK;
            double mllib = Double.NaN;
            for (Precision precision : precisions()) {
                List<String> files = List.of(named[1]);
                TuneCase search = TuneCase.measure(spark, named[0] + " x 8 " + precision.id(), named[1], precision,
                        sizes[0], sizes[sizes.length - 1], iterations, point -> benchmark.gradientDescent(files,
                                new int[] {point.hidden()}, 0, precision, point.step()), mllib);
                mllib = search.mllib();
                searches.add(search);
                spec.commandLine().getOut().printf("%s: together %.1f s, separately %.1f s (%.2f x), MLlib %.1f s%n",
                        search.name(), search.together(), search.separate(), search.speedUp(), search.mllib());
                spec.commandLine().getOut().flush();
            }
        }
        return searches;
    }

    /** The --set values, each of its setting's type. */
    private Map<String, Object> settings() {
        Map<String, Object> values = new LinkedHashMap<>();
        set.forEach((key, text) -> {
            Setting setting = TrainingSettings.all().stream().filter(s -> s.key().equals(key)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--set: no training setting '" + key
                            + "'; the keys are " + TrainingSettings.all().stream().map(Setting::key).toList()));
            try {
                values.put(key, setting.parse(text));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--set " + key + ": '" + text + "' is not a "
                        + setting.type().name().toLowerCase(java.util.Locale.ROOT) + " value");
            }
        });
        return values;
    }

    /** The --precisions, checked. */
    private List<Precision> precisions() {
        List<Precision> chosen = new ArrayList<>();
        for (String id : precisions) {
            try {
                chosen.add(Precision.fromId(id));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--precisions: " + e.getMessage());
            }
        }
        return chosen;
    }

    /** Every case named is one bench runs, so that a misspelt case does not run nothing and write it down. */
    private void checkCases() {
        for (String name : cases) {
            if (!CASES.contains(name)) {
                String closest = DidYouMean.closest(name, CASES);
                throw new ParameterException(spec.commandLine(), "--cases: unknown case '" + name + "'"
                        + (closest == null ? "" : " (did you mean " + closest + "?)") + "; the cases are "
                        + String.join(", ", CASES));
            }
        }
    }

    /** The work directory exists, or is made, and can be written, before Spark starts. */
    private void checkWorkDir() {
        Path dir = Path.of(workDir);
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new InputException("--work-dir " + workDir + " cannot be made: " + e);
        }
        if (!Files.isWritable(dir)) {
            throw new InputException("--work-dir " + workDir + " is not writable; give a directory bench may write "
                    + "its data sets and results.json to");
        }
    }

    private void checkTuneData() {
        for (String set : tuneData) {
            if (!TUNE_DATA.contains(set)) {
                throw new ParameterException(spec.commandLine(), "--tune-data: unknown data set '" + set
                        + "'; the data sets are " + String.join(", ", TUNE_DATA));
            }
        }
    }

    private void checkCounts() {
        if (iterations < 1 || repeats < 1) {
            throw new ParameterException(spec.commandLine(), (iterations < 1 ? "--iterations: " + iterations
                    : "--repeats: " + repeats) + " must be >= 1");
        }
    }

    private void checkRowsSeries() {
        long smallest = rowsSeries.stream().mapToLong(Long::longValue).min().orElse(0);
        for (long rows : rowsSeries) {
            if (smallest <= 0 || rows % smallest != 0) {
                throw new ParameterException(spec.commandLine(), "--rows-series: " + rows
                        + " is not a positive multiple of the smallest count, " + smallest);
            }
            if (rows / smallest > MAX_ROWS_PARTS) {
                throw new ParameterException(spec.commandLine(), "--rows-series: " + rows + " is more than "
                        + MAX_ROWS_PARTS + " x the smallest count, " + smallest + " (one file of the smallest "
                        + "count each)");
            }
        }
    }

    /** The scaling case's cluster sizes and networks are ones it can run. */
    private void checkScaling() {
        if (scalingIterations < 2) {
            throw new ParameterException(spec.commandLine(), "--scaling-iterations: " + scalingIterations
                    + " must be >= 2 (the first iteration of a run is left out of its figures)");
        }
        for (int workers : scalingWorkers) {
            if (workers < 1 || workers > MAX_SCALING_WORKERS) {
                throw new ParameterException(spec.commandLine(), "--scaling-workers: " + workers + " must be from 1 to "
                        + MAX_SCALING_WORKERS);
            }
        }
        List<String> names = ClusterScaling.SIZES.stream().map(ClusterScaling.Size::name).toList();
        for (String name : scalingNetworks) {
            if (!names.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--scaling-networks: unknown network '" + name
                        + "'; the networks are " + String.join(", ", names));
            }
        }
    }

    /**
     * sparkprop alone on each row count of {@code --rows-series}: one synthetic data set of the largest count
     * in part files of the smallest, of which each count takes the first count / smallest.
     */
    private List<Benchmark.Result> rowsSeries(SparkSession spark, Benchmark benchmark) {
        long smallest = rowsSeries.stream().mapToLong(Long::longValue).min().orElseThrow();
        long largest = rowsSeries.stream().mapToLong(Long::longValue).max().orElseThrow();
        String path = Benchmark.synthetic(spark, workDir + "/scaling-" + largest + "-by-" + smallest + ".parquet",
                largest, ROWS_SERIES[0], ROWS_SERIES[2], 4, (int) (largest / smallest));
        File[] parts = new File(path).listFiles((dir, name) -> name.startsWith("part-") && name.endsWith(".parquet"));
        java.util.Arrays.sort(parts);
        List<Benchmark.Result> results = new ArrayList<>();
        for (long rows : rowsSeries) {
            List<String> files = java.util.Arrays.stream(parts).limit(rows / smallest).map(File::getPath).toList();
            results.add(benchmark.sparkpropOnly("rows " + rows / 1000 + "k [100,64,10]", files, ROWS_SERIES));
        }
        return results;
    }

    /** The MNIST CSV as Parquet with a label and a vector column (what both sides read). */
    private String mnistParquet(SparkSession spark) {
        String path = workDir + "/mnist.parquet";
        if (!new File(path).exists()) {
            Dataset<Row> csv = spark.read().option("header", true).option("inferSchema", true).csv(mnist);
            String[] pixels = java.util.Arrays.stream(csv.columns()).filter(c -> !c.equals("label"))
                    .toArray(String[]::new);
            new VectorAssembler().setInputCols(pixels).setOutputCol("features").transform(csv)
                    .select(functions.col("label").cast("double"), functions.col("features"))
                    .write().mode(SaveMode.ErrorIfExists).parquet(path);
        }
        return path;
    }

    /**
     * The table and the JSON. A case's "of gemm" is its GFLOP/s over what the GEMM of its precision (dgemm,
     * or sgemm for float32) reaches on all the cores Spark uses at once, operands in cache ({@link GemmRate});
     * the JSON also has the fraction of the rate with the samples streaming from memory. The accuracies are on
     * the training rows, after the timed runs.
     *
     * @param gemm  the dgemm rates, or null when not measured
     * @param sgemm the sgemm rates, or null when not measured
     */
    private void report(List<Benchmark.Result> results, List<LoadCase> loads, List<DefaultsCase.Run> defaults,
            Searches searches, List<ClusterScaling.Run> scaling, GemmRate gemm, GemmRate sgemm, int cores,
            String master) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("BLAS %s, activations %s, master %s, %d iterations, %d alternating runs each%n",
                Blas.implementation(), Elementwise.implementation(), master, iterations,
                repeats);
        if (!results.isEmpty()) {
            out.printf("%-36s %10s %11s %11s %9s %8s %8s %8s %8s%n", "case", "rows", "sparkprop s", "MLlib s",
                    "MLlib/sp", "GFLOP/s", "of gemm", "sp acc", "MLlib acc");
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("blas", Blas.implementation());
        root.put("activations", Elementwise.implementation());
        root.put("master", master);
        root.put("iterations", iterations);
        root.put("repeats", repeats);
        root.put("cores", cores);
        if (gemm != null) {
            putRates(root, "dgemm", gemm);
            putRates(root, "sgemm", sgemm);
        }
        ArrayNode cases = root.putArray("cases");
        for (Benchmark.Result r : results) {
            GemmRate rate = r.precision() == Precision.FLOAT32 ? sgemm : gemm;
            double fraction = rate == null ? Double.NaN : r.gflops() / rate.allCores();
            out.printf("%-36s %,10d %11.4f %11s %9s %8.2f %8s %8s %8s%n", r.name(), r.rows(), r.sparkprop().median(),
                    r.mllib() == null ? "-" : String.format("%.4f", r.mllib().median()),
                    r.mllib() == null ? "-" : String.format("%.2f", r.ratio()), r.gflops(),
                    Double.isNaN(fraction) ? "" : String.format("%.0f %%", 100 * fraction),
                    Double.isNaN(r.sparkpropAccuracy()) ? "" : String.format("%.4f", r.sparkpropAccuracy()),
                    Double.isNaN(r.mllibAccuracy()) ? "" : String.format("%.4f", r.mllibAccuracy()));
            ObjectNode c = cases.addObject();
            c.put("name", r.name());
            c.put("precision", r.precision().id());
            c.put("rows", r.rows());
            c.putPOJO("layers", r.layers());
            c.put("sparkpropSecondsPerIteration", r.sparkprop().median());
            c.putPOJO("sparkpropRuns", r.sparkprop().all());
            if (r.mllib() != null) {
                c.put("mllibSecondsPerIteration", r.mllib().median());
                c.putPOJO("mllibRuns", r.mllib().all());
                c.put("mllibOverSparkprop", r.ratio());
            }
            c.put("sparkpropSamplesPerSecond", r.rows() / r.sparkprop().median());
            c.put("sparkpropGflops", r.gflops());
            if (!Double.isNaN(fraction)) {
                c.put("fractionOfGemm", fraction);
                c.put("fractionOfGemmFromMemory", r.gflops() / rate.fromMemory());
            }
            if (!Double.isNaN(r.sparkpropAccuracy())) {
                c.put("sparkpropTrainingAccuracy", r.sparkpropAccuracy());
                c.put("mllibTrainingAccuracy", r.mllibAccuracy());
            }
            c.put("cachedBytes", r.cachedBytes());
        }
        if (!loads.isEmpty()) {
            out.printf("%-34s %12s %12s %9s%n", "CSV load, read to cached blocks", "wide s", "narrow s", "ratio");
        }
        ArrayNode loadCases = root.putArray("loads");
        for (LoadCase load : loads) {
            out.printf("%-34s %12.3f %12.3f %9.2f%n", load.name(), load.wide().median(), load.narrow().median(),
                    load.ratio());
            ObjectNode c = loadCases.addObject();
            c.put("name", load.name());
            c.put("values", load.values());
            c.put("wideSeconds", load.wide().median());
            c.putPOJO("wideRuns", load.wide().all());
            c.put("narrowSeconds", load.narrow().median());
            c.putPOJO("narrowRuns", load.narrow().all());
            c.put("wideOverNarrow", load.ratio());
        }
        root.putPOJO("defaults", defaults);
        if (!searches.tune().isEmpty()) {
            out.printf("%-28s %10s %11s %11s %8s %9s %9s %11s%n", "search of 8 candidates", "rows", "together s",
                    "separate s", "speed-up", "MLlib s", "MLlib/tog", "max rel diff");
        }
        ArrayNode searchCases = root.putArray("searches");
        for (TuneCase search : searches.tune()) {
            out.printf("%-28s %,10d %11.1f %11.1f %8.2f %9.1f %9.2f %11.1e%n", search.name(), search.rows(),
                    search.together(), search.separate(), search.speedUp(), search.mllib(), search.mllibRatio(),
                    search.largestDifference());
            ObjectNode c = json.valueToTree(search);
            c.put("separateOverTogether", search.speedUp());
            c.put("mllibOverTogether", search.mllibRatio());
            searchCases.add(c);
        }
        CrossValidationCase cv = searches.validation();
        if (cv != null) {
            out.printf("cross-validation, %s: SparkPropCrossValidator %.1f s, CrossValidator over SparkPropClassifier "
                    + "%.1f s (%.2f x), over MultilayerPerceptronClassifier %.1f s; best accuracy %.4f (MLlib %.4f), "
                    + "the two sparkprop runs' metrics %.1e apart%n", cv.name(), cv.together(), cv.oneByOne(),
                    cv.speedUp(), cv.mllib(), cv.bestAccuracy(), cv.mllibBestAccuracy(),
                    cv.largestMetricDifference());
            ObjectNode c = json.valueToTree(cv);
            c.put("oneByOneOverTogether", cv.speedUp());
            root.set("crossValidation", c);
        }
        if (!scaling.isEmpty()) {
            out.printf("%-7s %-5s %-6s %9s %9s %9s %9s %9s %9s %8s %9s %8s %9s%n", "workers", "net", "scaling",
                    "rows", "s/it", "jobs s", "bcast MB", "fetch MB", "driver MB", "task s", "cpu s", "gc s",
                    "MLlib s");
        }
        for (ClusterScaling.Run run : scaling) {
            out.printf("%-7d %-5s %-6s %,9d %9.3f %9.3f %9.2f %9.2f %9.2f %8.3f %9.3f %8.3f %9s%n", run.workers(),
                    run.network(), run.scaling(), run.rows(), run.secondsPerIteration(), run.jobSecondsPerIteration(),
                    run.broadcastBytes() / 1e6, run.broadcastFetchedBytes() / 1e6, run.driverResultBytes() / 1e6,
                    run.taskRunSeconds(), run.taskCpuSeconds(), run.taskGcSeconds(),
                    Double.isNaN(run.mllibSecondsPerIteration()) ? "-"
                            : String.format("%.3f", run.mllibSecondsPerIteration()));
        }
        root.putPOJO("scaling", scaling);
        if (gemm != null) {
            out.printf("dgemm [128 x 784] x [784 x 668]: %.2f GFLOP/s on one thread, %.2f on %d cores, %.2f with the"
                    + " samples from memory%n", gemm.oneThread(), gemm.allCores(), cores, gemm.fromMemory());
            out.printf("sgemm, the same shape in float32: %.2f GFLOP/s on one thread, %.2f on %d cores, %.2f with the"
                    + " samples from memory%n", sgemm.oneThread(), sgemm.allCores(), cores, sgemm.fromMemory());
        }
        File file = new File(workDir, "results.json");
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(file, root);
        } catch (IOException e) {
            throw new InputException("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("results written to " + file.getPath());
        out.flush();
    }

    private static void putRates(ObjectNode root, String gemm, GemmRate rate) {
        root.put(gemm + "GflopsOneThread", rate.oneThread());
        root.put(gemm + "GflopsAllCores", rate.allCores());
        root.put(gemm + "GflopsFromMemory", rate.fromMemory());
    }
}
