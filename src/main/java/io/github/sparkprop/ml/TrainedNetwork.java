package io.github.sparkprop.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.internal.model.Model;
import java.io.Serializable;
import java.util.ArrayList;

/**
 * What sparkprop's Spark ML models hold: the network scorer (shipped to the executors with the model), what
 * saving the model needs besides, and on the driver the training summary, if it was fitted here.
 */
final class TrainedNetwork implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkScorer scorer;
    private final Task task;
    private final ArrayList<String> labels;
    /** How named input columns become the inputs (a command-line model), or null for a vector column. */
    private final InputEncoding encoding;
    /** What training recorded (model.json's "training"), as JSON text, or null. */
    private final String training;
    private final transient TrainingSummary summary;

    TrainedNetwork(Model model, TrainingSummary summary) {
        this.scorer = new NetworkScorer(model.network(), model.weights(), model.scaler());
        this.task = model.task();
        this.labels = model.labels() == null ? null : new ArrayList<>(model.labels());
        this.encoding = model.vectorColumn() != null ? null : model.encoding();
        this.training = model.training() == null ? null : model.training().toString();
        this.summary = summary;
    }

    /** What the no-argument constructors of the models hold: no network yet. */
    private TrainedNetwork() {
        this.scorer = null;
        this.task = null;
        this.labels = null;
        this.encoding = null;
        this.training = null;
        this.summary = null;
    }

    /**
     * The contents of a model made by its public no-argument constructor, which exists for Spark Connect (its
     * ML service discovers the classes it may create through a ServiceLoader, which needs one): its params work,
     * scoring and saving say that it holds no network.
     */
    static TrainedNetwork unfitted() {
        return new TrainedNetwork();
    }

    NetworkScorer scorer() {
        if (scorer == null) {
            throw new IllegalStateException("this model holds no network: it was made by its no-argument "
                    + "constructor (for Spark Connect's discovery of ML classes); fit an estimator or load a model");
        }
        return scorer;
    }

    /** How the model's named input columns become its inputs, or null when it reads a vector column. */
    InputEncoding encoding() {
        return encoding;
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
     * The model as sparkprop saves it, reading its named columns or else the given vector column, with what its
     * training recorded.
     */
    Model model(String featuresCol) {
        try {
            return new Model(scorer().network(), scorer().weights(), task, labels, null,
                    encoding == null ? featuresCol : null, scorer().scaler(),
                    training == null ? null : (ObjectNode) JSON.readTree(training), encoding);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the training record is not JSON", e);
        }
    }
}
