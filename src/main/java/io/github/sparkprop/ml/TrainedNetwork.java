package io.github.sparkprop.ml;

import io.github.sparkprop.model.Model;
import java.io.Serializable;

/**
 * What sparkprop's Spark ML models hold: the network scorer (shipped to the executors with the model), and
 * on the driver the model as sparkprop saves it and the training summary, if it was fitted here.
 */
final class TrainedNetwork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NetworkScorer scorer;
    private final transient Model model;
    private final transient TrainingSummary summary;

    TrainedNetwork(Model model, TrainingSummary summary) {
        this.scorer = new NetworkScorer(model.network(), model.weights(), model.scaler());
        this.model = model;
        this.summary = summary;
    }

    NetworkScorer scorer() {
        return scorer;
    }

    boolean hasSummary() {
        return summary != null;
    }

    TrainingSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("no training summary: this model was loaded, not fitted");
        }
        return summary;
    }

    /**
     * The model as sparkprop saves it, reading the given vector column: the one fitted or loaded, with what its
     * training recorded.
     */
    Model model(String featuresCol) {
        return new Model(model.network(), model.weights(), model.task(), model.labels(), null, featuresCol,
                model.scaler(), model.training());
    }
}
