package io.github.sparkprop.internal.onnx;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.model.Model;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The names a graph's user sees: its inputs, unique among the graph's values, and their description. */
final class GraphNames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphNames() {
    }

    /**
     * Fails when an input is named as another value of the graph (a column called {@code prediction}, or as one
     * of the graph's own values): ONNX names each value once.
     */
    static void requireDistinct(OnnxMl.GraphProto.Builder graph, String source) {
        Set<String> inner = new HashSet<>();
        graph.getInitializerList().forEach(initializer -> inner.add(initializer.getName()));
        graph.getNodeList().forEach(node -> inner.addAll(node.getOutputList()));
        for (OnnxMl.ValueInfoProto input : graph.getInputList()) {
            if (inner.contains(input.getName())) {
                throw new InputException("model " + source + " reads a column named '" + input.getName()
                        + "', which is also the name of a value inside its ONNX graph (its outputs are probabilities"
                        + " and prediction): export it as one vector ({inputs} vector), or train on the column"
                        + " renamed");
            }
        }
    }

    /**
     * The graph's inputs as JSON, for its metadata: [{"name", "type" (float, double, string), "kind" (numeric,
     * boolean, date, timestamp, categorical, or vector), "meaning"}, ...].
     */
    static String inputsJson(OnnxMl.GraphProto.Builder graph, Model model, ColumnGraph columns) {
        ArrayNode inputs = JSON.createArrayNode();
        if (columns != null) {
            List<InputColumn> read = model.encoding().columns();
            for (InputColumn column : read) {
                describe(inputs.addObject(), column.name(), ColumnGraph.type(column), column.kind().id(),
                        ColumnGraph.meaning(column));
            }
        } else {
            String name = graph.getInput(0).getName();
            describe(inputs.addObject(), name, "float", "vector", "float [N, " + model.network().inputSize()
                    + "]: the network's inputs" + (model.features() != null ? ", in the order of sparkprop.features"
                    : "") + "; NaN for a gap");
        }
        return inputs.toString();
    }

    private static void describe(ObjectNode input, String name, String type, String kind, String meaning) {
        input.put("name", name).put("type", type).put("kind", kind).put("meaning", meaning);
    }
}
