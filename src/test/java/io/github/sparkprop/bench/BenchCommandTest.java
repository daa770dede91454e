package io.github.sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.cli.Main;
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
            "--logistic-rows", "500", "--work-dir", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err,
                true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("mnist 8k [784,128,10]") && out.toString().contains("dgemm"), out.toString());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(3, results.get("cases").size());
        for (JsonNode c : results.get("cases")) {
            assertTrue(c.get("sparkpropSecondsPerIteration").asDouble() > 0
                    && c.get("mllibSecondsPerIteration").asDouble() > 0, c.toString());
            assertTrue(c.get("cachedBytes").asLong() > 0, c.toString());
        }
        assertEquals(8000, results.get("cases").get(0).get("rows").asLong());
        assertTrue(results.get("dgemmGflopsOneThread").asDouble() > 0);
    }
}
