package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.testing.CommandLineWords;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.LogLines;
import io.github.sparkprop.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role of each column of a real-looking table, the log that tells them, and the inputs they make. */
class ColumnRolesTest {

    @TempDir
    Path dir;

    private static DataSpec spec(String path, List<String> features, ColumnChoice choice) {
        return spec(path, features, choice, HandleInvalid.KEEP);
    }

    private static DataSpec spec(String path, List<String> features, ColumnChoice choice, HandleInvalid reading) {
        return DataSpec.of(List.of(path)).features(features).handleInvalid(reading).partitions(2)
                .choice(choice).build();
    }

    /** Row id -&gt; features, from the cached blocks. */
    private static TreeMap<Long, double[]> samples(LoadedData data) {
        TreeMap<Long, double[]> rows = new TreeMap<>();
        int n0 = data.features().count();
        for (SampleBlock block : data.blocks().collect()) {
            for (int j = 0; j < block.size(); j++) {
                rows.put(block.ids()[j], Arrays.copyOfRange(block.features(), j * n0, (j + 1) * n0));
            }
        }
        return rows;
    }

    /** 40 rows: a number, a boolean, a date, a timestamp, 3 colours, 40 names, an empty column, the label. */
    private String table() {
        List<String> lines = new ArrayList<>();
        lines.add("num,flag,day,at,color,name,empty,label");
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < 40; i++) {
            lines.add(i + "," + (i % 2 == 0) + ",2012-01-" + String.format("%02d", 1 + i % 28) + ",2015-06-30 "
                    + String.format("%02d", i % 24) + ":30:00," + colors[i % 3] + ",person " + i + ",," + (i % 2));
        }
        return Csv.write(dir, "table.csv", lines.toArray(String[]::new));
    }

    @Test
    void eachColumnGetsTheRoleItsValuesGiveItAndTheLogSaysWhy() {
        String path = table();
        LoadedData data;
        String log;
        try (LogLines lines = LogLines.of(ColumnRoles.class)) {
            data = DataLoader.load(SharedSpark.session(), spec(path, null, ColumnChoice.DEFAULT, HandleInvalid.ERROR));
            log = lines.text();
        }
        try {
            InputEncoding encoding = data.features().encoding();
            assertEquals(List.of(InputColumn.numeric("num"), InputColumn.of("flag", ColumnKind.BOOLEAN),
                    InputColumn.of("day", ColumnKind.DATE), InputColumn.of("at", ColumnKind.TIMESTAMP),
                    InputColumn.categorical("color", List.of("blue", "green", "red"), false)), encoding.columns());
            assertEquals(1 + 1 + 2 + 3 + 3, data.features().count());
            assertTrue(log.contains("num: numeric") && log.contains("flag: boolean")
                    && log.contains("day: date (inputs: year, day of the year)")
                    && log.contains("at: timestamp (inputs: year, day of the year, hour of the day; UTC)")
                    && log.contains("color: categorical, 3 categories (blue, green, red)")
                    && log.contains("name: left out, text with 40 distinct values in 40 values (mostly distinct: "
                            + "names, ids or free text)")
                    && log.contains("empty: left out, every value is missing") && log.contains("label: label"), log);
            // row 5: 5, false, 2012-01-06 (day 6), 2015-06-30 05:30 (day 181, 5.5 h), blue
            assertArrayEquals(new double[] {5, 0, 2012, 6, 2015, 181, 5.5, 1, 0, 0}, samples(data).get(5L), 1e-12);
        } finally {
            data.release();
        }
    }

    @Test
    void overridesChooseTheRolesAndANamedColumnThatCannotBeUsedIsAnError() {
        String path = table();
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null,
                new ColumnChoice(List.of("num"), List.of("at", "day"), 40, ColumnChoice.Impute.NONE)));
        try {
            List<InputColumn> columns = data.features().encoding().columns();
            assertEquals(List.of("num", "flag", "color", "name"), data.features().names(),
                    "excluded: at, day; with K = 40, the 40 names are categories");
            assertEquals(40, columns.get(0).categories().size(), "num is categorical: 40 categories");
            assertEquals(List.of("0", "1", "2"), columns.get(0).categories().subList(0, 3),
                    "numeric categories sorted by value");
        } finally {
            data.release();
        }
        String named = CommandLineWords.of(assertThrows(InputException.class, () -> DataLoader.load(
                SharedSpark.session(), spec(path, List.of("num", "name"), ColumnChoice.DEFAULT))));
        assertTrue(named.contains("column 'name'") && named.contains("text with 40 distinct values in 40 values "
                + "(mostly distinct: names, ids or free text)") && named.contains("leave it out of --features"), named);
        String forced = CommandLineWords.of(assertThrows(InputException.class, () -> DataLoader.load(
                SharedSpark.session(), spec(path, null, new ColumnChoice(List.of("name"), List.of(), 32,
                        ColumnChoice.Impute.NONE)))));
        assertTrue(forced.contains("column 'name'") && forced.contains("named by --categorical")
                && forced.contains("has 40 distinct values"), forced);
        String both = CommandLineWords.of(assertThrows(InputException.class, () -> DataLoader.load(
                SharedSpark.session(), spec(path, null, new ColumnChoice(List.of("color"), List.of("color"), 32,
                        ColumnChoice.Impute.NONE)))));
        assertTrue(both.contains("named by both --categorical and --exclude"), both);
        String missing = CommandLineWords.of(assertThrows(InputException.class, () -> DataLoader.load(
                SharedSpark.session(), spec(path, null, new ColumnChoice(List.of(), List.of("nope"), 32,
                        ColumnChoice.Impute.NONE)))));
        assertTrue(missing.contains("--exclude column 'nope' not found"), missing);
    }

    @Test
    void parquetStringBooleanDateAndTimestampColumnsGetTheRolesOfTheirCsvText() {
        StructType schema = new StructType().add("num", DataTypes.DoubleType).add("flag", DataTypes.BooleanType)
                .add("day", DataTypes.DateType).add("at", DataTypes.TimestampType).add("color", DataTypes.StringType)
                .add("code", DataTypes.StringType).add("label", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>(List.of("num,flag,day,at,color,code,label"));
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < 30; i++) {
            String day = "2013-02-" + String.format("%02d", 1 + i % 28);
            String at = "2014-12-31T" + String.format("%02d", i % 24) + ":15:00Z";
            rows.add(RowFactory.create(i * 0.5, i % 3 == 0, Date.valueOf(day), Timestamp.from(Instant.parse(at)),
                    colors[i % 3], String.valueOf(i % 4), i % 2));
            lines.add(i * 0.5 + "," + (i % 3 == 0) + "," + day + "," + at + "," + colors[i % 3] + "," + i % 4 + ","
                    + i % 2);
        }
        String parquet = dir.resolve("typed.parquet").toString();
        SharedSpark.session().createDataFrame(rows, schema).coalesce(1).write().parquet(parquet);
        String csv = Csv.write(dir, "typed.csv", lines.toArray(String[]::new));
        LoadedData fromParquet = DataLoader.load(SharedSpark.session(), spec(parquet, null, ColumnChoice.DEFAULT));
        LoadedData fromCsv = DataLoader.load(SharedSpark.session(), spec(csv, null, ColumnChoice.DEFAULT));
        try {
            assertEquals(fromCsv.features().encoding(), fromParquet.features().encoding());
            assertEquals(ColumnKind.NUMERIC, fromParquet.features().encoding().columns().get(5).kind(),
                    "a Parquet string column of numbers is numeric, as in CSV");
            TreeMap<Long, double[]> a = samples(fromParquet);
            TreeMap<Long, double[]> b = samples(fromCsv);
            assertEquals(a.keySet(), b.keySet());
            for (long id : a.keySet()) {
                assertArrayEquals(b.get(id), a.get(id), 1e-12, "row " + id);
            }
        } finally {
            fromParquet.release();
            fromCsv.release();
        }
    }

    @Test
    void imputedValuesAreTheTrainingRowsMeanOrMedianAndAMissingCategoryIsOneOfItsOwn() {
        // x: gaps at rows 2 and 5, mean 8 and median 5.5 of the others; c: a/b with a gap at row 3
        String[] x = {"4", "1", "", "9", "2", "", "7", "3", "8", "30"};
        String[] c = {"a", "b", "a", "", "b", "a", "a", "b", "a", "b"};
        List<String> lines = new ArrayList<>(List.of("x,c,label"));
        for (int i = 0; i < x.length; i++) {
            lines.add(x[i] + "," + c[i] + "," + i % 2);
        }
        String path = Csv.write(dir, "gaps.csv", lines.toArray(String[]::new));
        double[] values = Arrays.stream(x).filter(v -> !v.isEmpty()).mapToDouble(Double::parseDouble).sorted()
                .toArray();
        double mean = Arrays.stream(values).sum() / values.length;
        double median = (values[values.length / 2 - 1] + values[values.length / 2]) / 2; // 8 values: the middle two
        for (ColumnChoice.Impute impute : List.of(ColumnChoice.Impute.MEAN, ColumnChoice.Impute.MEDIAN)) {
            LoadedData data;
            String log;
            try (LogLines lines2 = LogLines.of(Imputation.class)) {
                data = DataLoader.load(SharedSpark.session(), spec(path, null, new ColumnChoice(List.of(), List.of(),
                        32, impute)));
                log = lines2.text();
            }
            try {
                double fill = impute == ColumnChoice.Impute.MEAN ? mean : median;
                InputColumn filled = data.features().encoding().columns().get(0);
                assertEquals(fill, filled.fills().get(0), 1e-12, impute.id());
                assertEquals(List.of("a", "b"), data.features().encoding().columns().get(1).categories());
                assertTrue(data.features().encoding().columns().get(1).missingCategory());
                TreeMap<Long, double[]> rows = samples(data);
                assertArrayEquals(new double[] {fill, 1, 0, 0}, rows.get(2L), 1e-12, "x filled in, c = a");
                assertArrayEquals(new double[] {9, 0, 0, 1}, rows.get(3L), 1e-12, "c in its missing category");
                assertEquals(10, data.rows(), "no row is invalid");
                assertTrue(log.contains("3 missing values filled in (the " + impute.id() + " of the training rows)")
                        && log.contains("x: 2 filled with " + fill) && log.contains("c: 1 in the category (missing)"),
                        log);
            } finally {
                data.release();
            }
        }
        String refused = CommandLineWords.of(assertThrows(InputException.class, () -> DataLoader.load(
                SharedSpark.session(), spec(path, null, ColumnChoice.DEFAULT, HandleInvalid.ERROR))));
        assertTrue(refused.contains("line 4: column 'x': is missing"), refused);
    }

    @Test
    void aFillIsLearnedFromTrainingRowsOnly() {
        List<String> lines = new ArrayList<>(List.of("x,label"));
        for (int i = 0; i < 200; i++) {
            lines.add((i % 10 == 0 ? "" : String.valueOf(i)) + "," + i % 2);
        }
        String path = Csv.write(dir, "held.csv", lines.toArray(String[]::new));
        HoldOut holdOut = new HoldOut(3, 0.3, 0);
        DataSpec spec = DataSpec.of(List.of(path)).handleInvalid(HandleInvalid.KEEP).partitions(2)
                .holdOut(holdOut).choice(new ColumnChoice(List.of(), List.of(), 32, ColumnChoice.Impute.MEAN)).build();
        LoadedData data = DataLoader.load(SharedSpark.session(), spec);
        try {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < 200; i++) {
                if (i % 10 != 0 && holdOut.role(i) == HoldOut.Role.TRAINING) {
                    sum += i;
                    count++;
                }
            }
            assertTrue(data.heldOut() > 0);
            assertEquals(sum / count, data.features().encoding().columns().get(0).fills().get(0), 1e-12);
        } finally {
            data.release();
        }
    }

    /** Row numbers, as R and pandas write them or as consecutive integers, are no feature unless named. */
    @Test
    void rowNumbersAreLeftOutUnlessNamed() {
        String empty = Csv.write(dir, "r.csv", "\"\",x,label", "\"1\",0.5,0", "\"2\",1.5,1", "\"3\",2.5,0");
        List<String> lines = new ArrayList<>(List.of("id,x,label"));
        for (int i = 1; i <= 120; i++) {
            lines.add(i + "," + (i * 7 % 13) + "," + i % 2);
        }
        String counting = Csv.write(dir, "c.csv", lines.toArray(String[]::new));
        for (String[] table : new String[][] {{empty, "_c0", "row numbers (an empty header)"},
            {counting, "id", "row numbers (the integers from 1 up in file order)"}}) {
            LoadedData data;
            String log;
            try (LogLines logged = LogLines.of(ColumnRoles.class)) {
                data = DataLoader.load(SharedSpark.session(), spec(table[0], null, ColumnChoice.DEFAULT));
                log = logged.text();
            }
            try {
                assertEquals(List.of("x"), data.features().encoding().columnNames(), table[0]);
                assertTrue(log.contains(table[1] + ": left out, " + table[2]), log);
            } finally {
                data.release();
            }
        }
        LoadedData named = DataLoader.load(SharedSpark.session(), spec(counting, List.of("id", "x"),
                ColumnChoice.DEFAULT));
        try {
            assertEquals(List.of("id", "x"), named.features().encoding().columnNames(), "--features takes it");
        } finally {
            named.release();
        }
    }

    /**
     * A column of more than K distinct values, but far fewer than rows, keeps its K most frequent ones and an
     * "other" input for the rest, in training and for a value never seen.
     */
    @Test
    void aColumnOfManyValuesKeepsItsMostFrequentAndAnOtherInput() {
        List<String> lines = new ArrayList<>(List.of("city,label"));
        for (int i = 0; i < 400; i++) {
            // cities c0..c39: c0 to c2 take 3 rows in 4 between them, the others share the rest
            int city = i % 4 != 3 ? i % 3 : 3 + (i / 4) % 37;
            lines.add("c" + city + "," + i % 2);
        }
        String path = Csv.write(dir, "cities.csv", lines.toArray(String[]::new));
        LoadedData data = DataLoader.load(SharedSpark.session(), spec(path, null, new ColumnChoice(List.of(),
                List.of(), 4, null)));
        try {
            InputColumn city = data.features().encoding().columns().get(0);
            assertEquals(ColumnKind.CATEGORICAL, city.kind());
            // c0, c1, c2 (100 rows each), then the most frequent of the 37 others (3 rows each; ties by name): c10
            assertEquals(List.of("c0", "c1", "c10", "c2"), city.categories());
            assertTrue(city.otherCategory() && city.missingCategory());
            assertEquals(List.of("city=c0", "city=c1", "city=c10", "city=c2", "city=(other)", "city=(missing)"),
                    city.featureNames());
            TreeMap<Long, double[]> rows = samples(data);
            assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0}, rows.get(3L), "c3 is one of the others");
            assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, rows.get(0L));
        } finally {
            data.release();
        }
    }
}
