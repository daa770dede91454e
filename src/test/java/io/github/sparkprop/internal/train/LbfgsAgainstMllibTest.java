package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.optim.Lbfgs;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed L-BFGS (every function evaluation one Spark pass) reaches MLlib's LogisticRegression optimum
 * for the same objective: (1/m) sum of logistic losses + (lambda/2) ||w||^2 with an unregularised intercept
 * (MLlib: regParam = lambda, elasticNetParam = 0, standardization = false).
 */
@Tag(SharedSpark.MLLIB)
class LbfgsAgainstMllibTest {

    @Test
    void reachesMllibsOptimum(@TempDir Path dir) throws IOException {
        Random random = new Random(12);
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 500; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            double z = 0.4 + 1.2 * a - 0.7 * b + 0.3 * c;
            csv.append(a).append(',').append(b).append(',').append(c).append(',')
                    .append(random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("logistic.csv");
        Files.writeString(file, csv);
        double lambda = 0.01;

        Dataset<Row> frame = SharedSpark.session().read().option("header", true)
                .schema("a DOUBLE, b DOUBLE, c DOUBLE, label DOUBLE").csv(file.toString());
        Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"})
                .setOutputCol("features").transform(frame);
        LogisticRegressionModel mllib = new LogisticRegression().setRegParam(lambda).setElasticNetParam(0)
                .setStandardization(false).setTol(1e-12).setMaxIter(500).fit(assembled);

        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.csv(List.of(file.toString()), "label",
                Task.CLASSIFICATION, false, 3, HoldOut.NONE));
        try {
            Network network = Network.of(3, new int[0], Activation.RELU, 1, Activation.SIGMOID, Loss.CROSS_ENTROPY);
            DistributedObjective objective = new DistributedObjective(SharedSpark.context(), data.blocks(), network,
                    new L2Penalty(lambda), 2);
            TrainingRun run = new Trainer(objective, new Lbfgs(10), new Trainer.Settings(100, 1e-12, 0, 1, 0), null)
                    .run(new double[4]);
            double[] w = run.weights();
            double[] coefficients = mllib.coefficients().toArray();
            for (int k = 0; k < 3; k++) {
                assertEquals(coefficients[k], w[k], 1e-5, "coefficient " + k);
            }
            assertEquals(mllib.intercept(), w[3], 1e-5, "intercept");
            assertTrue(run.iterations() < 50, "L-BFGS converges in a few dozen iterations: " + run.iterations());
        } finally {
            data.release();
        }
    }
}
