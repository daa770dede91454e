package io.github.sparkprop.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.ClassLabels;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * model.json, format version 1 or 2: the required fields {@code format}, {@code formatVersion}, {@code layers},
 * {@code activations}, {@code loss}, and the optional {@code task}, {@code labels}, {@code features} (or
 * {@code vectorColumn}: one Spark ML vector column holding all n_0 inputs), {@code scaler} and
 * {@code training}. A file with only the required fields loads: a missing task follows
 * from the loss, missing labels are 0..n_L-1 (0 and 1 for one sigmoid unit). Version 2 adds {@code inputs}:
 * how each input column becomes network inputs ({@code name}, {@code kind}: numeric, boolean, date, timestamp or
 * categorical; {@code categories}, {@code missingCategory} and {@code otherCategory} of a categorical column; {@code fill}, the values
 * of a missing one's inputs); {@code features} then names the n_0 inputs. A model whose inputs are numbers in
 * columns is written as version 1, which earlier readers read.
 */
final class ModelJson {

    static final String FORMAT = "sparkprop-model";
    /** The version of a model whose inputs are numbers in columns or a vector. */
    static final int FORMAT_VERSION = 1;
    /** The version of a model with {@code inputs}. */
    static final int INPUTS_VERSION = 2;
    /** Reads decimals as exact decimals: a numeric class label keeps every digit it was written with. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ModelJson() {
    }

    /** The metadata of a model (everything but the weights). */
    record Header(Network network, Task task, List<String> labels, List<String> features, String vectorColumn,
            Scaler scaler, ObjectNode training, InputEncoding inputs) {
    }

    static ObjectNode write(Model model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", model.inputs() != null ? INPUTS_VERSION : FORMAT_VERSION);
        Network network = model.network();
        ArrayNode layers = root.putArray("layers");
        for (int size : network.layers()) {
            layers.add(size);
        }
        ArrayNode activations = root.putArray("activations");
        for (Activation activation : network.activations()) {
            activations.add(activation.id());
        }
        root.put("loss", network.loss().id());
        root.put("task", model.task().id());
        if (model.labels() != null) {
            ArrayNode labels = root.putArray("labels");
            boolean numeric = model.labels().stream().allMatch(ModelJson::isNumber);
            for (String label : model.labels()) {
                if (numeric) {
                    labels.add(new BigDecimal(label));
                } else {
                    labels.add(label);
                }
            }
        }
        if (model.features() != null) {
            ArrayNode features = root.putArray("features");
            model.features().forEach(features::add);
        }
        if (model.vectorColumn() != null) {
            root.put("vectorColumn", model.vectorColumn());
        }
        if (model.inputs() != null) {
            ArrayNode inputs = root.putArray("inputs");
            for (InputColumn column : model.inputs().columns()) {
                ObjectNode input = inputs.addObject();
                input.put("name", column.name());
                input.put("kind", column.kind().id());
                if (column.kind() == ColumnKind.CATEGORICAL) {
                    ArrayNode categories = input.putArray("categories");
                    column.categories().forEach(categories::add);
                    input.put("missingCategory", column.missingCategory());
                    if (column.otherCategory()) {
                        input.put("otherCategory", true);
                    }
                }
                if (column.fills() != null) {
                    ArrayNode fill = input.putArray("fill");
                    column.fills().forEach(fill::add);
                }
            }
        }
        if (model.scaler() != null) {
            ObjectNode scaler = root.putObject("scaler");
            ArrayNode mean = scaler.putArray("mean");
            for (double v : model.scaler().mean()) {
                mean.add(v);
            }
            ArrayNode std = scaler.putArray("std");
            for (double v : model.scaler().std()) {
                std.add(v);
            }
        }
        if (model.training() != null) {
            root.set("training", model.training());
        }
        return root;
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @param name the file, for messages
     * @throws ModelFormatException naming the field at fault
     */
    static Header read(JsonNode root, String name) {
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new ModelFormatException(name + " is not a sparkprop model: \"format\" must be \"" + FORMAT + "\"");
        }
        JsonNode version = root.path("formatVersion");
        if (!version.isInt() || version.asInt() != FORMAT_VERSION && version.asInt() != INPUTS_VERSION) {
            throw new ModelFormatException(name + " has formatVersion " + version + "; this sparkprop reads versions "
                    + FORMAT_VERSION + " and " + INPUTS_VERSION + " (a newer sparkprop wrote it?)");
        }
        if (root.has("inputs") != (version.asInt() == INPUTS_VERSION)) {
            throw new ModelFormatException(name + ": " + (root.has("inputs") ? "\"inputs\" needs formatVersion "
                    + INPUTS_VERSION : "formatVersion " + INPUTS_VERSION + " needs \"inputs\""));
        }
        int[] layers = intArray(root, "layers", name);
        List<String> activationIds = stringList(root.get("activations"), "activations", name);
        Network network;
        try {
            Activation[] activations = activationIds.stream().map(Activation::fromId).toArray(Activation[]::new);
            Loss loss = Loss.fromId(root.path("loss").asText(""));
            network = new Network(layers, activations, loss);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
        Task task;
        try {
            task = root.has("task") ? Task.fromId(root.get("task").asText())
                    : network.loss() == Loss.CROSS_ENTROPY ? Task.CLASSIFICATION : Task.REGRESSION;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
        List<String> labels = null;
        if (task == Task.CLASSIFICATION) {
            labels = root.has("labels") ? stringList(root.get("labels"), "labels", name).stream().map(ClassLabels::key)
                    .toList() : defaultLabels(network);
            if (labels.size() != Model.classCount(network)) {
                throw new ModelFormatException(name + ": \"labels\" has " + labels.size() + " entries; the output "
                        + "layer tells " + Model.classCount(network) + " classes apart");
            }
        }
        InputEncoding inputs = root.has("inputs") ? readInputs(root.get("inputs"), name) : null;
        if (inputs != null && inputs.width() != network.inputSize()) {
            throw new ModelFormatException(name + ": \"inputs\" make " + inputs.width() + " inputs; the network "
                    + "takes " + network.inputSize());
        }
        List<String> features = root.has("features") ? stringList(root.get("features"), "features", name) : null;
        if (inputs != null && features != null && !features.equals(inputs.featureNames())) {
            throw new ModelFormatException(name + ": \"features\" are not the names of the inputs, "
                    + inputs.featureNames());
        }
        if (features != null && features.size() != network.inputSize()) {
            throw new ModelFormatException(name + ": \"features\" has " + features.size() + " names for "
                    + network.inputSize() + " inputs");
        }
        String vectorColumn = root.hasNonNull("vectorColumn") ? root.get("vectorColumn").asText() : null;
        if (vectorColumn != null && features != null) {
            throw new ModelFormatException(name + ": a model has \"features\" or \"vectorColumn\", not both");
        }
        Scaler scaler = root.has("scaler") ? readScaler(root.get("scaler"), network.inputSize(), name) : null;
        JsonNode training = root.get("training");
        if (vectorColumn != null && inputs != null) {
            throw new ModelFormatException(name + ": a model has \"inputs\" or \"vectorColumn\", not both");
        }
        return new Header(network, task, labels, inputs != null ? null : features, vectorColumn, scaler,
                training instanceof ObjectNode object ? object : null, inputs);
    }

    private static InputEncoding readInputs(JsonNode node, String name) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ModelFormatException(name + ": \"inputs\" must be a non-empty array");
        }
        List<InputColumn> columns = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode input = node.get(i);
            String where = name + ": \"inputs\"[" + i + "]";
            if (!input.isObject() || !input.path("name").isTextual() || !input.path("kind").isTextual()) {
                throw new ModelFormatException(where + " must be an object with a \"name\" and a \"kind\"");
            }
            try {
                ColumnKind kind = ColumnKind.fromId(input.get("kind").asText());
                List<String> categories = input.has("categories")
                        ? stringList(input.get("categories"), "categories", where) : null;
                List<Double> fills = input.has("fill") ? java.util.Arrays.stream(doubleArray(input, "fill", where))
                        .boxed().toList() : null;
                columns.add(new InputColumn(input.get("name").asText(), kind, categories, fills,
                        input.path("missingCategory").asBoolean(false), input.path("otherCategory").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where + ": " + e.getMessage(), e);
            }
        }
        return new InputEncoding(columns);
    }

    /**
     * "0", "1", ...: the classes' labels when model.json has none, as a view, so that nothing the size of the
     * declared output layer is allocated before the weights file is checked against it.
     */
    private static List<String> defaultLabels(Network network) {
        int count = Model.classCount(network);
        return new AbstractList<>() {
            @Override
            public String get(int k) {
                return Integer.toString(Objects.checkIndex(k, count));
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    private static Scaler readScaler(JsonNode node, int inputs, String name) {
        double[] mean = doubleArray(node, "mean", name);
        double[] std = doubleArray(node, "std", name);
        if (mean.length != inputs || std.length != inputs) {
            throw new ModelFormatException(name + ": \"scaler\" must have " + inputs + " means and stds, has "
                    + mean.length + " and " + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (std[i] == 0.0) {
                std[i] = 1.0; // a constant column is divided by 1
            }
        }
        try {
            return new Scaler(mean, std);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
    }

    private static int[] intArray(JsonNode root, String field, String name) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ModelFormatException(name + ": \"" + field + "\" must be a non-empty array of integers");
        }
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).canConvertToInt() || !node.get(i).isIntegralNumber()) {
                throw new ModelFormatException(name + ": \"" + field + "\"[" + i + "] is not an integer: " + node.get(i));
            }
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    private static double[] doubleArray(JsonNode root, String field, String name) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new ModelFormatException(name + ": \"" + field + "\" must be an array of numbers");
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()) {
                throw new ModelFormatException(name + ": \"" + field + "\"[" + i + "] is not a number: " + node.get(i));
            }
            values[i] = node.get(i).asDouble();
        }
        return values;
    }

    private static List<String> stringList(JsonNode node, String field, String name) {
        if (node == null || !node.isArray()) {
            throw new ModelFormatException(name + ": \"" + field + "\" must be an array");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isValueNode() || value.isNull()) {
                throw new ModelFormatException(name + ": \"" + field + "\" holds a non-scalar entry " + value);
            }
            values.add(value.asText());
        }
        return values;
    }
}
