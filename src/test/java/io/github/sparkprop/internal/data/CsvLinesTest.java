package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.testing.CommandLineWords;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV files read as lines of text and parsed in the tasks: several files in one partition, one file in many
 * splits, headers written differently, blank lines and wide rows, each row read value for value and each bad
 * row named by its file and line.
 */
class CsvLinesTest {

    @TempDir
    Path dir;

    private static LoadedData load(String path) {
        return DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path)).format(InputFormat.CSV)
                .task(Task.REGRESSION).handleInvalid(HandleInvalid.ERROR).partitions(2).build());
    }

    private static String failure(String path) {
        return CommandLineWords.of(assertThrows(InputException.class, () -> load(path)));
    }

    /** A table wider than Spark's CSV reader reads (20,480 fields): 21,000 features and a label. */
    @Test
    void aTableOfMoreFieldsThanSparksReaderTakesIsRead() throws IOException {
        int features = 21_000;
        StringBuilder csv = new StringBuilder();
        for (int k = 0; k < features; k++) {
            csv.append('x').append(k).append(',');
        }
        csv.append("label\n");
        for (int row = 0; row < 3; row++) {
            for (int k = 0; k < features; k++) {
                csv.append((row + k) % 5).append(',');
            }
            csv.append(row).append('\n');
        }
        Path file = dir.resolve("wide.csv");
        Files.writeString(file, csv);
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(file.toString()))
                .format(InputFormat.CSV).label("label").task(Task.REGRESSION).handleInvalid(HandleInvalid.ERROR)
                .partitions(2).standardize(false).build());
        try {
            assertEquals(features, data.features().count());
            assertEquals(3, data.rows());
        } finally {
            data.release();
        }
    }

    @Test
    void smallFilesReadInOneTaskEachLoseOnlyTheirOwnHeader() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Csv.write(parts, "a.csv", "x,y,label", "1,10,0.5", "2,20,1.5");
        // blank lines before the header, the header quoted and a name in other letter case (this, the largest
        // file, is read first and names the columns), a blank line between rows
        Csv.write(parts, "b.csv", "", "  ", "\"x\",\"Y\",\"label\"", "3,30,2.5", "", "4,40,3.5");
        Csv.write(parts, "c.csv", "x,y,label", "5,50,4.5");
        LoadedData data = load(parts.toString());
        try {
            List<double[]> rows = CachedSamples.sortedByFirstFeature(data);
            assertEquals(5, rows.size());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(new double[] {i + 1, 10 * (i + 1), i + 0.5}, rows.get(i), 0.0);
            }
        } finally {
            data.release();
        }
    }

    @Test
    void aWideTableOverSeveralFilesIsReadValueForValue() throws IOException {
        int columns = 1_200;
        Path parts = Files.createDirectory(dir.resolve("wide"));
        for (int file = 0; file < 3; file++) {
            List<String> lines = new ArrayList<>();
            lines.add(wideLine(columns, c -> "x" + c) + ",label");
            for (int r = 0; r < 4; r++) {
                int row = file * 4 + r;
                lines.add(wideLine(columns, c -> Integer.toString(row * 10_000 + c)) + "," + row);
            }
            if (file == 2) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(parts.resolve("part-2.csv.gz")))) {
                    out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } else {
                Files.write(parts.resolve("part-" + file + ".csv"), lines);
            }
        }
        LoadedData data = load(parts.toString());
        try {
            List<double[]> rows = CachedSamples.sortedByFirstFeature(data);
            assertEquals(12, rows.size());
            assertEquals(columns, data.features().count());
            for (int row = 0; row < 12; row++) {
                for (int c = 0; c < columns; c++) {
                    assertEquals(row * 10_000 + c, rows.get(row)[c], 0.0, "row " + row + ", column x" + c);
                }
                assertEquals(row, rows.get(row)[columns], 0.0);
            }
        } finally {
            data.release();
        }
    }

    private static String wideLine(int columns, java.util.function.IntFunction<String> field) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            line.append(c == 0 ? "" : ",").append(field.apply(c));
        }
        return line.toString();
    }

    @Test
    void aBadValueInTheLastOfSeveralFilesIsNamedByItsOwnLine() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("bad"));
        Csv.write(parts, "a.csv", "x,label", "1,0", "2,1", "3,0");
        Csv.write(parts, "b.csv", "x,label", "4,0");
        Csv.write(parts, "c.csv", "", "x,label", "5,1", "", "oops,0");
        String message = failure(parts.toString());
        assertTrue(message.contains("c.csv line 5: column 'x': value 'oops' is not a number"), message);
    }

    @Test
    void aFileInManySplitsKeepsEveryRowAndNamesTheLineOfABadOne() {
        SparkSession spark = SharedSpark.session();
        List<String> lines = new ArrayList<>(List.of("x,label"));
        for (int r = 1; r <= 600; r++) {
            lines.add(r + "," + (r % 7) + (r % 50 == 0 ? "\n" : ""));
        }
        String good = Csv.write(dir, "long.csv", lines.toArray(String[]::new));
        lines.set(500, "oops,1");
        String bad = Csv.write(dir, "long-bad.csv", lines.toArray(String[]::new));
        spark.conf().set("spark.sql.files.maxPartitionBytes", "1024");
        try {
            assertTrue(spark.read().textFile(good).javaRDD().getNumPartitions() >= 4, "the file is read in splits");
            LoadedData data = load(good);
            try {
                List<double[]> rows = CachedSamples.sortedByFirstFeature(data);
                assertEquals(600, rows.size());
                for (int r = 1; r <= 600; r++) {
                    assertArrayEquals(new double[] {r, r % 7}, rows.get(r - 1), 0.0);
                }
            } finally {
                data.release();
            }
            // line 501 of the list, after 9 blank lines (one after every 50th row)
            String message = failure(bad);
            assertTrue(message.contains("long-bad.csv line 510: column 'x': value 'oops' is not a number"), message);
        } finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }
    }
}
