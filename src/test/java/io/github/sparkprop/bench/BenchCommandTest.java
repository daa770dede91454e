package io.github.sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.app.Main;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
            "--logistic-rows", "500", "--scaling-rows", "200,400", "--work-dir", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err,
                true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("mnist 8k [784,128,10]") && out.toString().contains("dgemm"), out.toString());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode cases = results.get("cases");
        assertEquals(9, cases.size());
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            assertTrue(c.get("sparkpropSecondsPerIteration").asDouble() > 0, c.toString());
            assertEquals(i < 4, c.has("mllibSecondsPerIteration"), c.toString()); // the series is sparkprop alone
            assertTrue(c.get("cachedBytes").asLong() > 0, c.toString());
        }
        assertEquals(8000, cases.get(0).get("rows").asLong());
        assertEquals(150, cases.get(3).get("rows").asLong());
        for (int i = 4; i < 7; i++) {
            assertEquals(150, cases.get(i).get("rows").asLong());
            assertEquals("[4,4096,1024,3]", cases.get(i).get("layers").toString());
        }
        assertTrue(cases.get(6).get("name").asText().contains("32 parts"), cases.get(6).toString());
        assertEquals(200, cases.get(7).get("rows").asLong());
        assertEquals(400, cases.get(8).get("rows").asLong());
        assertTrue(results.get("dgemmGflopsOneThread").asDouble() > 0);
        assertTrue(results.get("sgemmGflopsOneThread").asDouble() > 0);
    }

    @Test
    void countsThatCannotRunAreRefused() {
        assertRefused("--scaling-rows: 300 is not a positive multiple of the smallest count, 200",
                "--scaling-rows", "200,300");
        assertRefused("--scaling-rows: 2147483647 is more than 1024 x the smallest count, 1", "--scaling-rows",
                "1,2147483647");
        assertRefused("--repeats: 0 must be >= 1", "--repeats", "0");
        assertRefused("--iterations: -1 must be >= 1", "--iterations", "-1");
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
