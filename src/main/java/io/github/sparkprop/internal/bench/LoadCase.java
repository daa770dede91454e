package io.github.sparkprop.internal.bench;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LoadedData;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * How long a CSV takes from the command's read to its cached blocks (everything {@code train} does before its
 * first iteration: the header, the column roles, the validating pass, the caching pass), for a wide table
 * against a narrow one of the same number of values: after a warm-up load of each, the two alternate.
 *
 * @param name    the pair, e.g. "8,000 x 785 vs 202,580 x 31"
 * @param wide    the wide table's seconds per load
 * @param narrow  the narrow table's seconds per load
 * @param values  the values in each table
 */
record LoadCase(String name, Timing wide, Timing narrow, long values) {

    /** Wide over narrow: what the wide table's columns cost beyond its values. */
    double ratio() {
        return wide.median() / narrow.median();
    }

    /**
     * Loads a wide and a narrow CSV of random pixels (integers 0..255, like MNIST's) and a label column 0..9,
     * written once under {@code workDir}, each {@code repeats} times.
     */
    static LoadCase measure(SparkSession spark, String workDir, int wideRows, int wideColumns, int narrowRows,
            int narrowColumns, int repeats) {
        String wide = csv(workDir, wideRows, wideColumns);
        String narrow = csv(workDir, narrowRows, narrowColumns);
        load(spark, wide);
        load(spark, narrow);
        Timing wideTiming = new Timing();
        Timing narrowTiming = new Timing();
        for (int r = 0; r < repeats; r++) {
            wideTiming.add(load(spark, wide));
            narrowTiming.add(load(spark, narrow));
        }
        return new LoadCase(String.format("%,d x %d vs %,d x %d", wideRows, wideColumns, narrowRows, narrowColumns),
                wideTiming, narrowTiming, (long) wideRows * wideColumns);
    }

    /** Seconds from the read to the cached blocks, which are then released. */
    private static double load(SparkSession spark, String path) {
        long start = System.nanoTime();
        LoadedData data = DataLoader.load(spark, DataSpec.csv(List.of(path), "label", Task.CLASSIFICATION, false, 0,
                HoldOut.NONE));
        double seconds = (System.nanoTime() - start) / 1e9;
        data.release();
        return seconds;
    }

    /** A CSV of the label and columns - 1 pixels, written once (kept for later runs). */
    private static String csv(String workDir, int rows, int columns) {
        Path path = Path.of(workDir, "load-" + rows + "x" + columns + ".csv");
        if (Files.exists(path)) {
            return path.toString();
        }
        Random random = new Random(rows * 31L + columns);
        Path partial = Path.of(workDir, path.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder("label");
            for (int c = 1; c < columns; c++) {
                line.append(",p").append(c - 1);
            }
            out.write(line.append('\n').toString());
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                line.append(random.nextInt(10));
                for (int c = 1; c < columns; c++) {
                    line.append(',').append(random.nextInt(256));
                }
                out.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!partial.toFile().renameTo(new File(path.toString()))) {
            throw new UncheckedIOException(new IOException("cannot rename " + partial + " to " + path));
        }
        return path.toString();
    }
}
