package io.github.sparkprop.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkprop.Task;
import io.github.sparkprop.internal.evaluate.ScoreSum;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Backprop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A model saved by sparkprop 0.1.0 (src/test/resources/models/iris-v1: iris, 4 -> 5 tanh -> 3 softmax,
 * standardised) that every later version must keep loading and using: its predictions on iris reach the
 * training accuracy recorded in its model.json when it was saved.
 */
class FixtureModelTest {

    private static final Path FIXTURE = Path.of("src/test/resources/models/iris-v1");

    @Test
    void theVersionOneFixtureLoadsAndPredictsAsWhenItWasSaved() throws IOException {
        Model model = ModelStore.load(FIXTURE.toString(), new Configuration());
        assertEquals(List.of(4, 5, 3), java.util.Arrays.stream(model.network().layers()).boxed().toList());
        assertEquals(Activation.TANH, model.network().activation(1));
        assertEquals(Task.CLASSIFICATION, model.task());
        assertEquals(List.of("setosa", "versicolor", "virginica"), model.labels());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), model.features());

        List<String> lines = Files.readAllLines(Path.of("data/iris.csv"));
        int m = lines.size() - 1;
        double[] x = new double[4 * m];
        int[] truth = new int[m];
        for (int j = 0; j < m; j++) {
            String[] fields = lines.get(j + 1).split(",");
            for (int i = 0; i < 4; i++) {
                x[j * 4 + i] = Double.parseDouble(fields[i]);
            }
            model.scaler().apply(x, j * 4);
            truth[j] = model.labels().indexOf(fields[4]);
        }
        double[] p = new Backprop(model.network()).predict(model.weights(), x, m);
        int correct = 0;
        for (int j = 0; j < m; j++) {
            correct += ScoreSum.predictedClass(p, j * 3, 3) == truth[j] ? 1 : 0;
        }
        double recorded = model.training().get("trainMetrics").get("accuracy").asDouble();
        assertEquals(recorded, correct / (double) m, 1e-12);
    }
}
