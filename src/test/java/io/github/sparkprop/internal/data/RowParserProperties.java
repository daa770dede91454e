package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.source.CsvOptions;
import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.testing.Csv;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Generated CSV fields against the row parser: whatever a field holds (numbers of every form and size, NaN
 * and infinities as Java and Spark write them, free text, nothing, a row with the wrong width), a row
 * parses into finite features and a known class or target, or into one problem that names the column and
 * value; never an exception.
 */
class RowParserProperties {

    private static final Table TABLE = generatedCsv();
    private static final FeatureColumns FEATURES = FeatureColumns.scalars(List.of("x1", "x2"));

    /** The table the generated rows belong to: a CSV file whose header names x1, x2 and label (as strings). */
    private static Table generatedCsv() {
        try {
            String path = Csv.write(Files.createDirectories(Path.of("target", "row-parser-properties")),
                    "generated.csv", "x1,x2,label", "1,2,a");
            return Table.read(SharedSpark.session(), List.of(path), InputFormat.CSV, CsvOptions.DEFAULT, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> field() {
        Arbitrary<String> numbers = Arbitraries.doubles().map(d -> Double.toString(d));
        Arbitrary<String> decimals = Arbitraries.bigDecimals().map(d -> d.toString());
        Arbitrary<String> exponents = Arbitraries.integers().map(e -> "1e" + e);
        Arbitrary<String> specials = Arbitraries.of("NaN", "-Infinity", "inf", "+INF", "nan", "", " ", "1e400",
                "-0", "0x1p3", "1d", "1f", "٣", "１", "9007199254740993", "1,5", "--1", "1e", "e5", ".", "+.5e-3");
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, numbers), net.jqwik.api.Tuple.of(2, decimals),
                net.jqwik.api.Tuple.of(1, exponents), net.jqwik.api.Tuple.of(2, specials),
                net.jqwik.api.Tuple.of(2, text)).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> label() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("a", "b", " a", "b ")),
                net.jqwik.api.Tuple.of(1, field()));
    }

    @Property(tries = 2000)
    void aClassifierRowParsesOrNamesItsProblem(@ForAll("field") String x1, @ForAll("field") String x2,
            @ForAll("label") String label, @ForAll boolean wrongWidth) {
        RowParser parser = new RowParser(TABLE, FEATURES, "label", null, Task.CLASSIFICATION,
                LabelEncoder.ofLabels(List.of("a", "b")), false);
        check(parser, x1, x2, label, wrongWidth, true);
    }

    @Property(tries = 2000)
    void aRegressionRowParsesOrNamesItsProblem(@ForAll("field") String x1, @ForAll("field") String x2,
            @ForAll("field") String target, @ForAll boolean wrongWidth) {
        RowParser parser = new RowParser(TABLE, FEATURES, "label", null, Task.REGRESSION, null, false);
        check(parser, x1, x2, target, wrongWidth, false);
    }

    private static void check(RowParser parser, String x1, String x2, String label, boolean wrongWidth,
            boolean classes) {
        GenericInternalRow row = new GenericInternalRow(new Object[] {utf8(x1), utf8(x2), utf8(label),
            wrongWidth ? utf8("a,b") : null});
        double[] x = new double[2];
        double[] y = new double[1];
        RowProblem problem = parser.parse(row, x, 0, y, null, 0);
        if (problem == null) {
            assertTrue(Double.isFinite(x[0]) && Double.isFinite(x[1]) && Double.isFinite(y[0]),
                    "a valid row has finite values: " + x1 + ", " + x2 + ", " + label);
            assertTrue(!classes || y[0] == 0 || y[0] == 1, "a known class: " + label);
            assertEquals(Double.parseDouble(x1.trim()), x[0], 0.0, "x1 is the number written: " + x1);
        } else {
            assertNotNull(problem.describe());
            assertTrue(wrongWidth || problem.column() != null, "a field's problem names its column: "
                    + problem.describe());
        }
    }

    private static UTF8String utf8(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }
}
