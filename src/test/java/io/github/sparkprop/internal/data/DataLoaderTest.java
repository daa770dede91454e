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
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {

    @TempDir
    Path dir;

    private static DataSpec spec(String path, Task task, boolean standardize, boolean skip) {
        return DataSpec.of(List.of(path)).format(InputFormat.CSV).task(task).standardize(standardize)
                .handleInvalid(skip ? HandleInvalid.SKIP : HandleInvalid.ERROR).partitions(2).build();
    }

    private static LoadedData load(String path) {
        return DataLoader.load(SharedSpark.session(), spec(path, Task.CLASSIFICATION, false, false));
    }

    private static String failure(String path) {
        return CommandLineWords.of(assertThrows(InputException.class, () -> load(path)));
    }

    @Test
    void readsGzipWithStringLabelsSortedAndFeaturesInColumnOrder() throws IOException {
        Path file = dir.resolve("flowers.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,label,b\n1,virginica,10\n2,setosa,20\n3,versicolor,30\n4,setosa,40\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        LoadedData data = load(file.toString());
        try {
            assertEquals(4, data.rows());
            assertEquals(List.of("a", "b"), data.features().names());
            assertEquals(List.of("setosa", "versicolor", "virginica"), data.encoder().labels());
            List<double[]> rows = CachedSamples.sortedByFirstFeature(data);
            assertArrayEquals(new double[] {1, 10, 2}, rows.get(0));
            assertArrayEquals(new double[] {2, 20, 0}, rows.get(1));
            assertArrayEquals(new double[] {3, 30, 1}, rows.get(2));
        } finally {
            data.release();
        }
    }

    @Test
    void numericLabelsAreSortedByValueAndOneFormPerNumber() {
        String path = Csv.write(dir, "n.csv", "x,label", "1,10", "2,2", "3,2.0", "4,1e1", "5,-1");
        LoadedData data = load(path);
        try {
            assertEquals(List.of("-1", "2", "10"), data.encoder().labels());
            List<double[]> rows = CachedSamples.sortedByFirstFeature(data);
            assertEquals(2, rows.get(0)[1]); // 10
            assertEquals(1, rows.get(1)[1]); // 2
            assertEquals(1, rows.get(2)[1]); // 2.0
            assertEquals(2, rows.get(3)[1]); // 1e1
            assertEquals(0, rows.get(4)[1]); // -1
        } finally {
            data.release();
        }
    }

    @Test
    void standardizeUsesThePopulationStdAndDividesConstantColumnsByOne() {
        String path = Csv.write(dir, "s.csv", "x,c,label", "1,5,0", "2,5,1", "3,5,0", "6,5,1");
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, Task.CLASSIFICATION, true, false));
        try {
            // x: mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5; c: constant 5
            assertArrayEquals(new double[] {3, 5}, data.scaler().mean(), 1e-12);
            assertArrayEquals(new double[] {Math.sqrt(3.5), 1}, data.scaler().std(), 1e-12);
            List<double[]> rows = CachedSamples.sortedByFirstFeature(data);
            assertEquals((1 - 3) / Math.sqrt(3.5), rows.get(0)[0], 1e-12);
            assertEquals(0.0, rows.get(0)[1], 0.0);
        } finally {
            data.release();
        }
    }

    /** The scaler is fitted on the training rows only: held-out rows do not leak into it. */
    @Test
    void standardizeIgnoresHeldOutRows() {
        String[] lines = new String[41];
        lines[0] = "x,label";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = (i * i % 17) + "," + (i % 2);
        }
        String path = Csv.write(dir, "h.csv", lines);
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.csv(List.of(path), "label", Task.CLASSIFICATION, true, 2,
                new HoldOut(3, 0.5)));
        try {
            java.util.Set<Long> held = new java.util.HashSet<>();
            for (SampleBlock block : data.blocks().filter(SampleBlock::isValidation).collect()) {
                for (long id : block.ids()) {
                    held.add(id);
                }
            }
            assertTrue(held.size() > 5 && held.size() < 35, "about half held out: " + held.size());
            double sum = 0;
            int n = 0;
            for (int id = 0; id < 40; id++) { // row id i is data line i + 1
                if (!held.contains((long) id)) {
                    sum += ((id + 1) * (id + 1)) % 17;
                    n++;
                }
            }
            assertEquals(n, data.rows());
            assertEquals(sum / n, data.scaler().mean()[0], 1e-12);
        } finally {
            data.release();
        }
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamedByFileAndLine() {
        String path = Csv.write(dir, "w.csv", "x,y,label", "1,2,0", "3,4,1", "5,1", "7,8,0");
        String message = failure(path);
        assertTrue(message.contains("w.csv line 4") && message.contains("3 fields"), message);
    }

    @Test
    void aPathWithSpacesIsNamedAsWritten() throws IOException {
        Path spaced = Files.createDirectory(dir.resolve("my data"));
        String path = Csv.write(spaced, "a b.csv", "x,label", "1,0", "", "oops,1");
        String message = failure(path);
        assertTrue(message.contains("my data/a b.csv line 4: column 'x'"), message);
    }

    /** Without row ids (full batch), dense blocks take the raw float64 size: features and label, 8 bytes each. */
    @Test
    void narrowDenseDataAreCachedAtTheirRawSize() {
        String path = Csv.write(dir, "narrow.csv", "a,b,c,d,label", "1,2,3,4,0", "5,6,7,8,1", "9,1,2,3,0");
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path)).format(InputFormat.CSV)
                .handleInvalid(HandleInvalid.ERROR).partitions(2).rowIds(false).build());
        try {
            assertEquals(data.rawBytes(), data.cachedBytes());
            assertEquals(8L * 5 * 3, data.rawBytes());
        } finally {
            data.release();
        }
    }

    /** A huge bad value is quoted by its beginning and its length: the message stays one short line. */
    @Test
    void aHugeBadValueIsQuotedByItsBeginning() {
        String huge = "z".repeat(1_000_000);
        String path = Csv.write(dir, "huge.csv", "x,y,label", "1,2,0", "3," + huge + ",1", "5,6,0");
        String message = failure(path);
        assertTrue(message.contains("huge.csv line 3: column 'y': value '" + "z".repeat(100)
                + "... (1000000 characters)' is not a number"), message.substring(0, Math.min(500, message.length())));
        assertTrue(message.length() < 1000, "a message of " + message.length() + " characters");
    }

    @Test
    void aNonNumericValueIsNamedByLineColumnAndValue() {
        String path = Csv.write(dir, "t.csv", "x,y,label", "1,2,0", "3,abc,1", "5,6,0");
        String message = failure(path);
        assertTrue(message.contains("t.csv line 3: column 'y': value 'abc' is not a number"), message);
        assertTrue(message.contains("--handle-invalid skip"), message);
    }

    @Test
    void nanInfinityAndMissingValuesAreRefused() {
        assertTrue(failure(Csv.write(dir, "nan.csv", "x,label", "1,0", "NaN,1")).contains("line 3: column 'x': value "
                + "'NaN' is missing"), "NaN is a gap, invalid in the strict reading");
        assertTrue(failure(Csv.write(dir, "inf.csv", "x,label", "Infinity,0", "1,1")).contains("line 2: column 'x': "
                + "value 'Infinity' is infinite"));
        assertTrue(failure(Csv.write(dir, "gap.csv", "x,y,label", "1,2,0", "1,,1")).contains("line 3: column 'y': "
                + "is missing"));
    }

    /** skip drops the row of a wrong value and counts it; a gap (NaN) is filled in, as by default. */
    @Test
    void skipDropsAndCountsInvalidRows() {
        String path = Csv.write(dir, "k.csv", "x,label", "1,0", "oops,1", "3,1", "NaN,0", "5,0");
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, Task.CLASSIFICATION, false, true));
        try {
            assertEquals(4, data.rows());
            assertEquals(1, data.skipped());
            assertEquals(4, CachedSamples.sortedByFirstFeature(data).size());
        } finally {
            data.release();
        }
    }

    @Test
    void aMissingPathLabelColumnOrEmptyInputFailsBeforeTraining() {
        assertTrue(failure(dir.resolve("nothing.csv").toString()).startsWith("input not found"));
        String message = failure(Csv.write(dir, "l.csv", "x,target", "1,0"));
        assertTrue(message.contains("label column 'label' not found") && message.contains("x, target"), message);
        assertTrue(failure(Csv.write(dir, "empty.csv")).contains("is empty"));
        assertTrue(failure(Csv.write(dir, "header-only.csv", "x,label")).contains("no valid rows"));
    }

    @Test
    void aSingleClassOrTooManyClassesIsRefused() {
        assertTrue(failure(Csv.write(dir, "one.csv", "x,label", "1,a", "2,a")).contains("a single value"));
        String[] lines = new String[1202];
        lines[0] = "x,label";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = i + "," + (i * 0.37);
        }
        assertTrue(failure(Csv.write(dir, "many.csv", lines)).contains("--task regression"));
    }

    @Test
    void partFilesWhoseHeadersDifferAreRefused() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Csv.write(parts, "a.csv", "x,y,label", "1,2,0", "3,4,1");
        Csv.write(parts, "b.csv", "y,x,label", "200,100,0", "400,300,1");
        String message = failure(parts.toString());
        assertTrue(message.contains("do not all have the same header") && message.contains("CSV file: "), message);
    }

    @Test
    void partFilesWithTheSameHeaderAreReadTogether() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("same"));
        Csv.write(parts, "part-0.csv", "x,label", "1,0", "2,1");
        Csv.write(parts, "part-1.csv", "x,label", "3,0");
        LoadedData data = load(parts.toString());
        try {
            assertEquals(3, data.rows());
        } finally {
            data.release();
        }
    }

    @Test
    void blankLinesDoNotShiftTheReportedLine() {
        String path = Csv.write(dir, "b.csv", "x,label", "1,0", "", "2,1", "   ", "oops,1");
        String message = failure(path);
        assertTrue(message.contains("b.csv line 6: column 'x': value 'oops' is not a number"), message);
    }

    @Test
    void javaNumberSyntaxAndNonFiniteLabelsAreRefused() {
        String message = failure(Csv.write(dir, "f.csv", "x,label", "1,0", "2f,1"));
        assertTrue(message.contains("line 3: column 'x': value '2f' is not a number"), message);
        message = failure(Csv.write(dir, "h.csv", "x,label", "1,0", "0x1p3,1"));
        assertTrue(message.contains("value '0x1p3' is not a number"), message);
        message = failure(Csv.write(dir, "nl.csv", "x,label", "1,0", "2,1", "3,NaN"));
        assertTrue(message.contains("line 4: column 'label': label is missing"), "NaN is a gap: " + message);
    }

    @Test
    void regressionLabelsMustBeNumbers() {
        String path = Csv.write(dir, "r.csv", "x,label", "1,2.5", "2,high");
        String message = assertThrows(InputException.class, () ->
                DataLoader.load(SharedSpark.session(), spec(path, Task.REGRESSION, false, false))).getMessage();
        assertTrue(message.contains("column 'label': value 'high' is not a number"), message);
    }
}
