package io.github.sparkprop.testing;

import io.github.sparkprop.internal.model.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/**
 * What the cluster tests train on and how they compare the results: one data set, one set of training
 * options, and "the same model" as the design defines it for two runs of one command.
 */
public final class ClusterData {

    public static final int ITERATIONS = 150;
    /** Relative difference allowed between two runs' weights (the order of floating-point sums may differ). */
    public static final double SAME = 1e-9;
    public static final int PARTS = 4;

    private ClusterData() {
    }

    /**
     * Four CSV part files {@code part-0.csv} to {@code part-3.csv} (so the input has four splits and nothing is
     * shuffled) of 3,000 rows each: a label of 3 classes that depends non-linearly on 10 features
     * {@code x0..x9}.
     */
    public static void writeCsvParts(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        for (int part = 0; part < PARTS; part++) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("part-" + part + ".csv")))) {
                out.println("label,x0,x1,x2,x3,x4,x5,x6,x7,x8,x9");
                for (int row = 0; row < 3000; row++) {
                    double[] x = new double[10];
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < x.length; i++) {
                        x[i] = random.nextGaussian();
                        line.append(',').append(String.format(Locale.ROOT, "%.6f", x[i]));
                    }
                    double score = x[0] * x[1] + Math.sin(x[2]) - 0.5 * x[3] + 0.3 * random.nextGaussian();
                    int label = score < -0.5 ? 0 : score < 0.5 ? 1 : 2;
                    out.println(label + line.toString());
                }
            }
        }
    }

    /**
     * The options of {@code train} every cluster test runs: Adam on half-batches through a hidden layer, so that
     * optimizer state and mini-batches both must survive what the test does to the cluster.
     */
    public static List<String> trainingOptions(String input, String model) {
        return new ArrayList<>(List.of("--input", input, "--hidden", "16", "--optimizer", "adam",
                "--learning-rate", "0.01", "--batch-fraction", "0.5", "--seed", "7",
                "--iterations", String.valueOf(ITERATIONS), "--log-every", "1", "--output", model));
    }

    /** Both models' weights agree to {@link #SAME} of the largest weight. */
    public static void assertSameWeights(String expected, String actual, Configuration conf) {
        double[] a = ModelStore.load(expected, conf).weights();
        double[] b = ModelStore.load(actual, conf).weights();
        if (a.length != b.length) {
            throw new AssertionError(a.length + " weights against " + b.length);
        }
        double scale = 0;
        double difference = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
        }
        if (!(scale > 0 && difference <= SAME * scale)) {
            throw new AssertionError(actual + ": weights differ from " + expected + "'s by " + difference
                    + " (largest weight " + scale + ")");
        }
    }
}
