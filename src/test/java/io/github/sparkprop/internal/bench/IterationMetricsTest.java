package io.github.sparkprop.internal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.train.TrainingJob;
import io.github.sparkprop.math.Precision;
import io.github.sparkprop.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the scaling case records of each iteration, from Spark's own events, on the shared local session. */
class IterationMetricsTest {

    /**
     * A network of 72,003 parameters (over the size that rides inside the tasks) on 2 partitions: each iteration is
     * one job of 2 tasks, broadcasts the weights (8 bytes a parameter in float64, 4 in float32: random weights do
     * not compress) and returns 2 float64 sums to the driver.
     */
    @Test
    void eachIterationsBroadcastAndSumsAreCounted(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        String data = Benchmark.synthetic(spark, dir.resolve("data.parquet").toString(), 150, 4, 3, 3, 2);
        Benchmark benchmark = new Benchmark(spark, 4, 1);
        IterationMetrics metrics = new IterationMetrics();
        spark.sparkContext().addSparkListener(metrics);
        try {
            double[] broadcast = new double[2];
            for (Precision precision : Precision.values()) {
                try (TrainingJob job = TrainingJob.prepare(spark, benchmark.gradientDescent(List.of(data),
                        new int[] {9000}, 2, precision, 0.1))) {
                    long parameters = job.network().parameterCount();
                    assertEquals(72_003, parameters);
                    metrics.clear();
                    job.run();
                    spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
                    List<IterationMetrics.Iteration> iterations = new ArrayList<>(metrics.iterations().values());
                    assertEquals(4, iterations.size(), precision + ": iterations seen");
                    for (IterationMetrics.Iteration it : iterations.subList(1, iterations.size())) {
                        String what = precision + ": " + it.broadcastBytes + " bytes broadcast, "
                                + it.driverResultBytes + " to the driver";
                        assertEquals(1, it.jobs, what);
                        assertEquals(2, it.tasks, what);
                        double weights = parameters * (precision == Precision.FLOAT64 ? 8.0 : 4.0);
                        assertTrue(it.broadcastBytes >= 0.95 * weights && it.broadcastBytes <= weights + 100_000,
                                what);
                        assertTrue(it.driverResultBytes >= 2 * 8.0 * parameters
                                && it.driverResultBytes <= 2 * 8.0 * parameters + 100_000, what);
                        assertEquals(it.resultBytes, it.driverResultBytes, what);
                        assertTrue(it.runSeconds > 0 && it.jobSeconds > 0, what);
                    }
                    broadcast[precision.ordinal()] = iterations.get(2).broadcastBytes;
                }
            }
            double ratio = broadcast[Precision.FLOAT32.ordinal()] / broadcast[Precision.FLOAT64.ordinal()];
            assertTrue(ratio > 0.45 && ratio < 0.55, "float32 broadcast over float64: " + ratio);
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
        }
    }
}
