package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.data.DataLoader;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.HoldOut;
import io.github.sparkprop.internal.data.LoadedData;
import io.github.sparkprop.internal.optim.GradientDescent;
import io.github.sparkprop.internal.optim.Schedule;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.testing.LinearSystem;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linear regression on y = 1.5 + 2 x1 + 5 x2 + noise: distributed gradient descent reaches the least-squares
 * solution of the normal equations (X^T X) theta = X^T y, solved here by Gaussian elimination, and that
 * solution is close to the true coefficients.
 */
class LinearRegressionTest {

    @Test
    void recoversTheCoefficients(@TempDir Path dir) throws IOException {
        Random random = new Random(5);
        int m = 400;
        double[][] rows = new double[m][];
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < m; i++) {
            double x1 = 2 * random.nextDouble() - 1;
            double x2 = 2 * random.nextDouble() - 1;
            double y = 1.5 + 2 * x1 + 5 * x2 + 0.1 * random.nextGaussian();
            rows[i] = new double[] {1, x1, x2, y};
            csv.append(x1).append(',').append(x2).append(',').append(y).append('\n');
        }
        Path file = dir.resolve("linear.csv");
        Files.writeString(file, csv);
        double[] leastSquares = normalEquations(rows);

        LoadedData data = DataLoader.load(SharedSpark.session(), DataSpec.csv(List.of(file.toString()), "y",
                Task.REGRESSION, false, 3, HoldOut.NONE));
        try {
            Network network = Network.of(2, new int[0], Activation.RELU, 1, Activation.IDENTITY, Loss.SQUARED);
            DistributedObjective objective = new DistributedObjective(SharedSpark.context(), data.blocks(), network,
                    new L2Penalty(0), 2);
            double[] w = new Trainer(objective, new GradientDescent(Schedule.constant(0.5)),
                    Trainer.Settings.iterations(400), null).run(new double[3]).weights();
            // layout: W^1 = (w_x1, w_x2), then b^1
            double[] theta = {w[2], w[0], w[1]};
            for (int k = 0; k < 3; k++) {
                assertEquals(leastSquares[k], theta[k], 1e-9, "coefficient " + k);
            }
            assertEquals(1.5, theta[0], 0.05);
            assertEquals(2.0, theta[1], 0.05);
            assertEquals(5.0, theta[2], 0.05);
        } finally {
            data.release();
        }
    }

    /**
     * With the defaults (L-BFGS, standardised features and target) and no L2, a target in the thousands is fitted
     * on its standardised values and the saved model predicts in its units: its coefficients, taken back through
     * the feature scaler (theta_j = w_j / std_j, theta_0 = b - sum_j w_j mean_j / std_j), are the least-squares
     * solution of the raw data.
     */
    @Test
    void theDefaultsFitAnUnscaledTargetAndTheModelPredictsInItsUnits(@TempDir Path dir) throws IOException {
        Random random = new Random(9);
        int m = 300;
        double[][] rows = new double[m][];
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < m; i++) {
            double x1 = 10 * random.nextDouble();
            double x2 = 2 * random.nextDouble() - 1;
            double y = 4000 + 300 * x1 - 900 * x2 + 50 * random.nextGaussian();
            rows[i] = new double[] {1, x1, x2, y};
            csv.append(x1).append(',').append(x2).append(',').append(y).append('\n');
        }
        Path file = dir.resolve("prices.csv");
        Files.writeString(file, csv);
        double[] leastSquares = normalEquations(rows);
        TrainingSpec spec = TrainingSpec.ofFiles(io.github.sparkprop.internal.optim.SettingValues.of(java.util.Map.of(
                "input", List.of(file.toString()), "partitions", 2, "label", "y", "task", "regression",
                TrainingSettings.L2.key(), 0.0)), TrainingSpec.Checkpoints.Mode.NEW);
        try (TrainingJob job = TrainingJob.prepare(SharedSpark.session(), spec)) {
            TrainingResult result = job.run();
            io.github.sparkprop.internal.model.Model model = result.model();
            double[] w = model.weights();
            double[] mean = model.scaler().mean();
            double[] std = model.scaler().std();
            double[] theta = {w[2] - w[0] * mean[0] / std[0] - w[1] * mean[1] / std[1], w[0] / std[0],
                w[1] / std[1]};
            for (int k = 0; k < 3; k++) {
                assertEquals(leastSquares[k], theta[k], 1e-6 * Math.abs(leastSquares[k]), "coefficient " + k);
            }
            assertEquals("lbfgs", model.training().get("settings").get("optimizer").asText());
            assertEquals(0.99, result.training().r2(), 0.01, "R^2 in the target's units");
            assertEquals(50, result.training().rmse(), 5, "RMSE in the target's units: the noise's 50");
        }
    }

    /** Solves the normal equations (X^T X) theta = X^T y for rows (1, x1, x2, y). */
    private static double[] normalEquations(double[][] rows) {
        int n = 3;
        double[][] a = new double[n][n + 1];
        for (double[] r : rows) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += r[i] * r[j];
                }
                a[i][n] += r[i] * r[n];
            }
        }
        return LinearSystem.solve(a);
    }
}
