package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.testing.CommandLineWords;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet (typed and vector columns), LibSVM, feature ranges, weights: read through Spark's readers. */
class FormatsTest {

    @TempDir
    Path dir;

    private static DataSpec spec(String path, InputFormat format, String label, List<String> features, String weight,
            ClassWeights classWeights) {
        return DataSpec.of(List.of(path)).format(format).label(label).features(features).weight(weight)
                .handleInvalid(HandleInvalid.ERROR).partitions(2).classWeights(classWeights).build();
    }

    /** (features..., label, weight or NaN) of every cached sample, ordered by row id. */
    private static List<double[]> samples(LoadedData data) {
        List<double[]> rows = new ArrayList<>();
        int n0 = data.features().count();
        for (SampleBlock block : data.blocks().collect()) {
            for (int j = 0; j < block.size(); j++) {
                double[] row = new double[n0 + 3];
                if (block.isSparse()) {
                    var x = block.sparse();
                    for (int k = x.colPtr()[j]; k < x.colPtr()[j + 1]; k++) {
                        row[x.rowIndices()[k]] = x.values()[k];
                    }
                } else {
                    System.arraycopy(block.features(), j * n0, row, 0, n0);
                }
                row[n0] = block.labels()[j];
                row[n0 + 1] = block.weights() == null ? Double.NaN : block.weights()[j];
                row[n0 + 2] = block.ids()[j];
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingDouble(r -> r[r.length - 1]));
        return rows;
    }

    private String parquet(String name, StructType schema, List<Row> rows) {
        String path = dir.resolve(name).toString();
        Dataset<Row> frame = SharedSpark.session().createDataFrame(rows, schema);
        frame.coalesce(1).write().parquet(path);
        return path;
    }

    @Test
    void parquetNumericColumnsOfEveryTypeAreFeaturesAndAFewStringsAreCategories() {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("i", DataTypes.IntegerType)
                .add("l", DataTypes.LongType).add("f", DataTypes.FloatType).add("d", DataTypes.DoubleType)
                .add("dec", DataTypes.createDecimalType(10, 2)).add("label", DataTypes.StringType);
        String path = parquet("typed", schema, List.of(
                RowFactory.create("a", 1, 10L, 0.5f, 1.25, new java.math.BigDecimal("3.50"), "yes"),
                RowFactory.create("b", 2, 20L, 1.5f, 2.25, new java.math.BigDecimal("4.25"), "no")));
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, "label", null, null, null));
        try {
            assertEquals(List.of("id", "i", "l", "f", "d", "dec"), data.features().names(),
                    "a string of 2 distinct values is categorical");
            assertEquals(7, data.features().count(), "id takes one input per category");
            List<double[]> rows = samples(data);
            assertArrayEquals(new double[] {1, 0, 1, 10, 0.5, 1.25, 3.5, 1}, java.util.Arrays.copyOf(rows.get(0), 8),
                    1e-12);
            assertArrayEquals(new double[] {0, 1, 2, 20, 1.5, 2.25, 4.25, 0}, java.util.Arrays.copyOf(rows.get(1), 8),
                    1e-12);
        } finally {
            data.release();
        }
    }

    @Test
    void aParquetNullOrNaNIsNamed() {
        StructType schema = new StructType().add("x", DataTypes.DoubleType).add("label", DataTypes.IntegerType);
        String path = parquet("nan", schema, List.of(RowFactory.create(1.0, 0), RowFactory.create(Double.NaN, 1),
                RowFactory.create(null, 1)));
        String message = CommandLineWords.of(assertThrows(InputException.class,
                () -> DataLoader.load(SharedSpark.session(), spec(path, null, "label", null, null, null))));
        assertTrue(message.contains(" row 2: column 'x': value 'NaN' is missing") && message.contains("2 invalid rows"),
                message);
    }

    @Test
    void aVectorColumnIsTheFeaturesDenseOrSparse() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        String path = parquet("vectors", schema, List.of(
                RowFactory.create(Vectors.dense(1, 2, 3), 1.0),
                RowFactory.create(Vectors.sparse(3, new int[] {1}, new double[] {7}), 0.0)));
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, "label", null, null, null));
        try {
            assertTrue(data.features().isVector());
            assertEquals(3, data.features().count());
            List<double[]> rows = samples(data);
            assertArrayEquals(new double[] {1, 2, 3, 1}, java.util.Arrays.copyOf(rows.get(0), 4), 0.0);
            assertArrayEquals(new double[] {0, 7, 0, 0}, java.util.Arrays.copyOf(rows.get(1), 4), 0.0);
        } finally {
            data.release();
        }

        String bad = parquet("sizes", schema, List.of(RowFactory.create(Vectors.dense(1, 2, 3), 1.0),
                RowFactory.create(Vectors.dense(1, 2), 0.0)));
        String message = assertThrows(InputException.class,
                () -> DataLoader.load(SharedSpark.session(), spec(bad, null, "label", null, null, null))).getMessage();
        assertTrue(message.contains("column 'features': is a vector of size 2; the features are vectors of size 3"),
                message);
    }

    @Test
    void denseVectorsAreCentredAndMostlyZeroVectorsKeptSparse() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        String dense = parquet("dense-vectors", schema, List.of(RowFactory.create(Vectors.dense(10, 100), 1.0),
                RowFactory.create(Vectors.dense(14, 300), 0.0)));
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(dense)).standardize(true)
                .handleInvalid(HandleInvalid.ERROR).partitions(2).build());
        try {
            assertTrue(!data.features().sparse());
            assertArrayEquals(new double[] {12, 200}, data.scaler().mean(), 1e-12);
        } finally {
            data.release();
        }
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(Vectors.dense(1, 0, 0, 0, 0, 0, 0, 0), 1.0)); // the first one dense, the rest sparse
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create(Vectors.sparse(8, new int[] {i % 8}, new double[] {1}), (double) (i % 2)));
        }
        String mostlyZero = parquet("mostly-zero", schema, rows);
        LoadedData sparse = DataLoader.load(SharedSpark.session(), spec(mostlyZero, null, "label", null, null, null));
        try {
            assertTrue(sparse.features().sparse(), "1 non-zero in 8: kept sparse");
        } finally {
            sparse.release();
        }
    }

    @Test
    void aVectorBesideNumericColumnsMustBeChosen() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        String path = parquet("mixed", schema, List.of(RowFactory.create(1L, Vectors.dense(1, 2), 1.0),
                RowFactory.create(2L, Vectors.dense(3, 4), 0.0)));
        String message = CommandLineWords.of(assertThrows(InputException.class,
                () -> DataLoader.load(SharedSpark.session(), spec(path, null, "label", null, null, null))));
        assertTrue(message.contains("[features]") && message.contains("--features"), message);
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, "label", List.of("features"), null,
                null));
        try {
            assertEquals(2, data.features().count());
        } finally {
            data.release();
        }
    }

    @Test
    void partitionedParquetIsRecognised() {
        String path = dir.resolve("partitioned").toString();
        SharedSpark.session().createDataFrame(List.of(RowFactory.create(1.0, 0.5, 0), RowFactory.create(2.0, 1.5, 1)),
                new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                        .add("label", DataTypes.IntegerType)).write().partitionBy("label").parquet(path);
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, "label", null, null, null));
        try {
            assertEquals(2, data.rows());
            assertEquals(List.of("x", "y"), data.features().names());
        } finally {
            data.release();
        }
    }

    /** LibSVM: "label index:value ..." with 1-based indices, so index 1 is feature 0. */
    @Test
    void libsvmIsReadWithOneBasedIndices() throws IOException {
        Path file = dir.resolve("data.libsvm");
        Files.writeString(file, "1 1:0.5 4:2\n0 2:1.5\n1 3:-1 4:3\n");
        Path bad = dir.resolve("bad.libsvm");
        Files.writeString(bad, "1 1:0.5 4:2\n# a comment\n0 2:1.5\n1 3:NaN 4:3\n");
        String message = assertThrows(InputException.class, () -> DataLoader.load(SharedSpark.session(),
                spec(bad.toString(), null, "label", null, null, null))).getMessage();
        assertTrue(message.contains("bad.libsvm line 4: column 'features[2]': value 'NaN' is not finite"), message);
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(file.toString(), null, "label", null, null, null));
        try {
            assertTrue(data.features().isVector() && data.features().sparse());
            assertEquals(4, data.features().count());
            assertTrue(data.blocks().collect().stream().allMatch(SampleBlock::isSparse));
            List<double[]> rows = samples(data);
            assertArrayEquals(new double[] {0.5, 0, 0, 2, 1}, java.util.Arrays.copyOf(rows.get(0), 5), 0.0);
            assertArrayEquals(new double[] {0, 1.5, 0, 0, 0}, java.util.Arrays.copyOf(rows.get(1), 5), 0.0);
            assertArrayEquals(new double[] {0, 0, -1, 3, 1}, java.util.Arrays.copyOf(rows.get(2), 5), 0.0);
        } finally {
            data.release();
        }
    }

    /**
     * A file whose name does not tell its format is looked at: LibSVM lines make it LibSVM (alone, it is read as
     * such), and beside a CSV file in one folder the two formats are refused instead of a LibSVM line becoming the
     * CSV's header.
     */
    @Test
    void aFileNamedForNoFormatIsToldByItsLines() throws IOException {
        Path libsvm = Files.createDirectories(dir.resolve("libsvm-only")).resolve("part-00000");
        Files.writeString(libsvm, "1 1:0.5 4:2\n0 2:1.5\n1 3:-1 4:3\n");
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(libsvm.getParent().toString(), null, "label",
                null, null, null));
        try {
            assertTrue(data.features().isVector() && data.features().sparse());
            assertEquals(4, data.features().count());
        } finally {
            data.release();
        }
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Csv.write(mixed, "a.csv", "label,x1,x2", "1,0.5,2", "0,1.5,0");
        Files.writeString(mixed.resolve("b.txt"), "1 1:0.5 2:2\n0 2:1.5\n");
        String message = assertThrows(InputException.class, () -> DataLoader.load(SharedSpark.session(),
                spec(mixed.toString(), null, "label", null, null, null))).getMessage();
        assertTrue(message.contains("holds files of different formats") && message.contains("b.txt (libsvm)")
                && message.contains("a.csv (csv)"), message);
    }

    /** A boolean label (Parquet) is two classes, false and true. */
    @Test
    void aBooleanLabelIsTwoClasses() {
        StructType schema = new StructType().add("x", DataTypes.DoubleType).add("fraud", DataTypes.BooleanType);
        Dataset<Row> rows = SharedSpark.session().createDataFrame(List.of(RowFactory.create(1.0, true),
                RowFactory.create(-1.0, false), RowFactory.create(2.0, true)), schema);
        String path = dir.resolve("fraud.parquet").toString();
        rows.coalesce(1).write().parquet(path);
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, "fraud", null, null, null));
        try {
            assertEquals(List.of("false", "true"), data.encoder().labels());
            List<double[]> samples = samples(data);
            assertArrayEquals(new double[] {1, 0, 1}, samples.stream().mapToDouble(row -> row[1]).toArray(), 0.0);
        } finally {
            data.release();
        }
    }

    /**
     * A LibSVM line Spark's reader cannot parse stops the run naming the file, the line and the item (Spark's
     * own report names neither file nor line); such a line cannot be skipped, as the reader fails before
     * sparkprop sees the row.
     */
    @Test
    void aMalformedLibsvmLineNamesTheFileAndValue() throws IOException {
        Path file = dir.resolve("broken.libsvm");
        Files.writeString(file, "1 1:0.5\n0 2:abc\n");
        String message = assertThrows(InputException.class, () -> DataLoader.load(SharedSpark.session(),
                spec(file.toString(), null, "label", null, null, null))).getMessage();
        assertTrue(message.contains("broken.libsvm line 2: value 'abc' in '2:abc' is not a number"), message);
    }

    @Test
    void featuresByRangeAndPrefix() {
        String path = Csv.write(dir, "wide.csv", "p0,p1,p2,p3,q,label", "0,1,2,3,9,0", "4,5,6,7,9,1");
        LoadedData range = DataLoader.load(SharedSpark.session(), spec(path, null, "label", List.of("p1..p3"), null,
                null));
        LoadedData prefix = DataLoader.load(SharedSpark.session(), spec(path, null, "label", List.of("q", "p*"), null,
                null));
        try {
            assertEquals(List.of("p1", "p2", "p3"), range.features().names());
            assertEquals(List.of("q", "p0", "p1", "p2", "p3"), prefix.features().names());
        } finally {
            range.release();
            prefix.release();
        }
        String message = CommandLineWords.of(assertThrows(InputException.class, () -> DataLoader.load(
                SharedSpark.session(), spec(path, null, "label", List.of("p2..p5"), null, null))));
        assertTrue(message.contains("--features p2..p5") && message.contains("no column 'p4'"), message);
    }

    @Test
    void weightsAndBalancedClassWeights() {
        String path = Csv.write(dir, "w.csv", "x,w,label", "1,2,a", "2,0.5,a", "3,1,a", "4,1,b");
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, "label", null, "w",
                ClassWeights.parse("balanced")));
        try {
            assertEquals(List.of("x"), data.features().names(), "the weight is not a feature");
            // balanced: m / (k m_c) = 4 / (2 * 3) for a, 4 / (2 * 1) for b; times the instance weights
            List<double[]> rows = samples(data);
            assertEquals(2 * 4 / 6.0, rows.get(0)[2], 1e-15);
            assertEquals(0.5 * 4 / 6.0, rows.get(1)[2], 1e-15);
            assertEquals(4 / 6.0, rows.get(2)[2], 1e-15);
            assertEquals(2.0, rows.get(3)[2], 1e-15);
        } finally {
            data.release();
        }
        String negative = Csv.write(dir, "n.csv", "x,w,label", "1,2,a", "2,-1,b");
        String message = assertThrows(InputException.class, () -> DataLoader.load(SharedSpark.session(),
                spec(negative, null, "label", null, "w", null))).getMessage();
        assertTrue(message.contains("line 3: column 'w': value '-1' is negative"), message);
    }
}
