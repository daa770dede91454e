package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.optim.Lbfgs;
import io.github.sparkprop.internal.train.DistributedObjective;
import io.github.sparkprop.internal.train.Trainer;
import io.github.sparkprop.internal.train.TrainingRun;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet data set of 1,000,000 rows x 50 features (generated here) is read, validated and cached at no
 * more than 1.1 x its raw float64 size, and a logistic regression trains on it for 10 iterations on the
 * suite's local[2] session.
 */
class MillionRowsTest {

    @Test
    void aMillionRowsTrainWithinTheBudget(@TempDir Path dir) {
        int features = 50;
        Column[] columns = new Column[features + 1];
        Column score = functions.lit(0.0);
        for (int i = 0; i < features; i++) {
            columns[i] = functions.randn(i).as("x" + i);
            score = score.plus(functions.randn(i).multiply((i % 5) - 2));
        }
        columns[features] = functions.when(score.plus(functions.randn(99)).gt(0), 1).otherwise(0).as("label");
        String path = dir.resolve("million.parquet").toString();
        SharedSpark.session().range(0, 1_000_000, 1, 4).select(columns).write().parquet(path);

        long start = System.nanoTime();
        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.of(List.of(path))
                .handleInvalid(HandleInvalid.ERROR).build());
        try {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1_000_000, data.rows());
            assertEquals(0, data.skipped());
            assertEquals(features, data.features().count());
            double ratio = data.cachedBytes() / (double) data.rawBytes();
            assertTrue(ratio <= 1.1, "cached " + data.cachedBytes() + " bytes, " + ratio + " x the raw float64 size");
            // Spark's own measure of the cached RDD (its size estimate of the objects), not sparkprop's arithmetic
            long sparkBytes = java.util.Arrays.stream(SharedSpark.session().sparkContext().getRDDStorageInfo())
                    .filter(info -> info.id() == data.blocks().id()).mapToLong(info -> info.memSize() + info.diskSize())
                    .sum();
            assertTrue(sparkBytes > 0 && sparkBytes <= 1.1 * data.rawBytes(), "Spark counts " + sparkBytes + " bytes, "
                    + sparkBytes / (double) data.rawBytes() + " x the raw size");

            Network logistic = Network.of(features, new int[0], Activation.RELU, 1, Activation.SIGMOID,
                    Loss.CROSS_ENTROPY);
            start = System.nanoTime();
            TrainingRun run = new Trainer(new DistributedObjective(SharedSpark.context(), data.blocks(), logistic,
                    new L2Penalty(0), 2), new Lbfgs(10), Trainer.Settings.iterations(10), null)
                    .run(new double[features + 1]);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            assertEquals(10, run.iterations());
            double first = run.history().get(0).cost();
            double last = run.history().get(9).cost();
            assertTrue(last < 0.7 * first, "the loss falls: " + first + " -> " + last);
            System.out.printf("1M x 50 Parquet: loaded and cached in %.1f s (%.3f x raw), 10 L-BFGS iterations in "
                    + "%.1f s%n", loadSeconds, ratio, trainSeconds);
        } finally {
            data.release();
        }
    }
}
