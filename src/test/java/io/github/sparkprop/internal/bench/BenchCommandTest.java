package io.github.sparkprop.internal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.app.Main;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark runs every case end to end on tiny data and writes its figures (no timing is asserted:
 * timings belong to the benchmark's own runs, not to tests). It runs MLlib, hence its own Surefire execution.
 */
@Tag(SharedSpark.MLLIB)
class BenchCommandTest {

    @Test
    void everyCaseRunsAndIsWrittenDown(@TempDir Path dir) throws IOException {
        SharedSpark.session();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "--iterations", "1", "--repeats", "1", "--network-rows", "300",
            "--logistic-rows", "500", "--rows-series", "200,400", "--work-dir", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err,
                true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("mnist 8k [784,128,10]") && out.toString().contains("dgemm"), out.toString());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode cases = results.get("cases");
        assertEquals(12, cases.size());
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            assertTrue(c.get("sparkpropSecondsPerIteration").asDouble() > 0, c.toString());
            assertEquals(i < 7, c.has("mllibSecondsPerIteration"), c.toString()); // the series is sparkprop alone
            assertTrue(c.get("cachedBytes").asLong() > 0, c.toString());
            assertEquals(i >= 3 && i < 6 ? "float32" : "float64", c.get("precision").asText(), c.toString());
        }
        for (int i : new int[] {0, 1, 3, 4}) { // the networks, each side's training accuracy
            JsonNode c = cases.get(i);
            assertTrue(c.get("sparkpropTrainingAccuracy").asDouble() > 0, c.toString());
            assertTrue(c.get("mllibTrainingAccuracy").asDouble() > 0, c.toString());
        }
        assertEquals(8000, cases.get(0).get("rows").asLong());
        assertEquals(8000, cases.get(3).get("rows").asLong());
        // MNIST's vectors are sparse (19 % non-zeros): in float32 they are cached as dense floats, 4 bytes a pixel
        long denseFloats = 4L * 784 * 8000;
        long cached = cases.get(3).get("cachedBytes").asLong();
        assertTrue(cached >= denseFloats && cached <= denseFloats + 24L * 8000, "float32 MNIST cached: " + cached);
        assertEquals(150, cases.get(6).get("rows").asLong());
        for (int i = 7; i < 10; i++) {
            assertEquals(150, cases.get(i).get("rows").asLong());
            assertEquals("[4,4096,1024,3]", cases.get(i).get("layers").toString());
        }
        assertTrue(cases.get(9).get("name").asText().contains("32 parts"), cases.get(9).toString());
        assertEquals(200, cases.get(10).get("rows").asLong());
        assertEquals(400, cases.get(11).get("rows").asLong());
        for (String gemm : new String[] {"dgemm", "sgemm"}) {
            for (String rate : new String[] {"OneThread", "AllCores", "FromMemory"}) {
                assertTrue(results.get(gemm + "Gflops" + rate).asDouble() > 0, gemm + rate + ": " + results);
            }
        }
        JsonNode mnist = cases.get(0);
        assertEquals(mnist.get("sparkpropGflops").asDouble() / results.get("dgemmGflopsAllCores").asDouble(),
                mnist.get("fractionOfGemm").asDouble(), 1e-12);
        assertEquals(mnist.get("sparkpropGflops").asDouble() / results.get("dgemmGflopsFromMemory").asDouble(),
                mnist.get("fractionOfGemmFromMemory").asDouble(), 1e-12);
    }

    /** The tune case trains its 8 candidates together, apart and with MLlib; the search's models are the fits'. */
    @Test
    void theTuneCaseTimesASearchAgainstItsSeparateFits(@TempDir Path dir) throws IOException {
        SharedSpark.session();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "--cases", "tune", "--tune-data", "tiny", "--precisions", "float64",
            "--iterations", "2", "--work-dir", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode searches = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("searches");
        assertEquals(1, searches.size());
        JsonNode tiny = searches.get(0);
        assertEquals(8, tiny.get("candidates").asInt());
        assertEquals(150, tiny.get("rows").asLong());
        for (String seconds : new String[] {"together", "separate", "mllib"}) {
            assertTrue(tiny.get(seconds).asDouble() > 0, tiny.toString());
        }
        assertTrue(tiny.get("largestDifference").asDouble() <= 1e-9, tiny.toString());
        assertRefused("--tune-data: unknown data set 'mnst'; the data sets are tiny, mnist, synthetic", "--cases",
                "tune", "--tune-data", "mnst");
    }

    @Test
    void countsThatCannotRunAreRefused() {
        assertRefused("--rows-series: 300 is not a positive multiple of the smallest count, 200",
                "--rows-series", "200,300");
        assertRefused("--rows-series: 2147483647 is more than 1024 x the smallest count, 1", "--rows-series",
                "1,2147483647");
        assertRefused("--scaling-workers: 0 must be from 1 to 64", "--scaling-workers", "1,0");
        assertRefused("--scaling-networks: unknown network '3m'; the networks are 100k, 4m, 30m",
                "--scaling-networks", "3m");
        assertRefused("--scaling-iterations: 1 must be >= 2 (the first iteration of a run is left out of its "
                + "figures)", "--scaling-iterations", "1");
        assertRefused("--repeats: 0 must be >= 1", "--repeats", "0");
        assertRefused("--iterations: -1 must be >= 1", "--iterations", "-1");
        assertRefused("--precisions: unknown precision 'float16'; valid: float64, float32", "--precisions",
                "float64,float16");
    }

    /** A misspelt case, or a work directory that cannot be made, is refused before anything runs. */
    @Test
    void anUnknownCaseOrAWorkDirThatCannotBeMadeIsRefused(@TempDir Path dir) throws IOException {
        assertRefused("--cases: unknown case 'mnst' (did you mean mnist?); the cases are mnist, synthetic, "
                + "logistic, tiny, aggregation, rows, gemm, load, defaults", "--cases", "tiny,mnst",
                "--work-dir", dir.toString());
        assertFalse(Files.exists(dir.resolve("results.json")), "nothing written");
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertRefused("--work-dir " + file.resolve("bench") + " cannot be made: ", "--cases", "tiny", "--work-dir",
                file.resolve("bench").toString());
    }

    private static void assertRefused(String message, String... options) {
        StringWriter err = new StringWriter();
        String[] args = new String[options.length + 1];
        args[0] = "bench";
        System.arraycopy(options, 0, args, 1, options.length);
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }
}
