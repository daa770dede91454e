package io.github.sparkprop.internal.train;

import io.github.sparkprop.Task;
import io.github.sparkprop.evaluate.Metrics;
import java.util.Arrays;
import java.util.List;

/** What ranks the candidates of a search: a figure of their validation rows, and which way is better. */
public enum TuneMetric {
    ACCURACY("accuracy", true, Task.CLASSIFICATION),
    LOG_LOSS("log-loss", false, Task.CLASSIFICATION),
    AUC("auc", true, Task.CLASSIFICATION),
    RMSE("rmse", false, Task.REGRESSION),
    MAE("mae", false, Task.REGRESSION),
    R2("r2", true, Task.REGRESSION);

    private final String id;
    private final boolean higherIsBetter;
    private final Task task;

    TuneMetric(String id, boolean higherIsBetter, Task task) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.task = task;
    }

    public String id() {
        return id;
    }

    public Task task() {
        return task;
    }

    /** The ids, as the command line takes them. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(TuneMetric::id).toList();
    }

    /** The metric of an id, or null. */
    public static TuneMetric fromId(String id) {
        return Arrays.stream(values()).filter(metric -> metric.id.equals(id)).findFirst().orElse(null);
    }

    /** What ranks candidates unless told otherwise: accuracy for classifiers, RMSE for regressors. */
    public static TuneMetric defaultFor(Task task) {
        return task == Task.REGRESSION ? RMSE : ACCURACY;
    }

    /** The figure of these metrics (NaN when they have none: AUC of more than two classes). */
    public double of(Metrics metrics) {
        return switch (this) {
            case ACCURACY -> metrics.accuracy();
            case LOG_LOSS -> metrics.logLoss();
            case AUC -> metrics.auc();
            case RMSE -> metrics.rmse();
            case MAE -> metrics.mae();
            case R2 -> metrics.r2();
        };
    }

    /** Whether figure a ranks before figure b (a finite figure before NaN). */
    public boolean better(double a, double b) {
        if (Double.isNaN(b)) {
            return !Double.isNaN(a);
        }
        return higherIsBetter ? a > b : a < b;
    }
}
