package io.github.sparkprop.internal.onnx;

import ai.onnx.proto.OnnxMl;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.Version;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.math.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A saved network as an ONNX graph (opset {@value #OPSET}), built with Tribuo's ONNX graph builder on ONNX's
 * own protobuf schema:
 *
 * <pre>
 *   x         float [N, n_0], the model's inputs in its feature order (NaN for a missing value): the table's
 *             columns as {@link ColumnGraph} encodes them (--inputs columns), or one input {@code features}
 *             (--inputs vector; a model of a vector column: that column, in either form)
 *   x'        = where(isnan(x), fill, x)           in double, when the model fills missing values in
 *   x''       = (x' - mean) / std                  in double (Cast, Sub, Div, Cast), when the model has a scaler
 *   A^l       = f_l(Gemm(A^{l-1}, W^l, b^l, transB = 1)) = f_l(A^{l-1} (W^l)^T + b^l),  W^l row-major n_l x n_{l-1},
 *               f_l's nodes as its activation writes them ({@code Activation#onnx})
 *   classifier: probabilities float [N, k]: softmax units as they are; one sigmoid unit as (1 - y, y);
 *               k units of another activation (squared loss) max(y, 0) / sum (1/k each where the sum is 0)
 *               prediction int64 [N]: the first maximum of y (one unit: y &gt;= 0.5)
 *   regressor:  prediction float [N, n_L]
 * </pre>
 *
 * The same rules as {@code predict}'s ({@code OutputLayer.probabilities}, {@code ScoreSum.predictedClass}). The
 * network runs in float32 (as ONNX runtimes run networks); the scaler runs in double, since a float mean loses
 * |mean| 2^-24, which is large next to a small std. A vector cannot carry categories, dates or booleans: a model
 * that reads them exports its columns only.
 */
public final class OnnxExport {

    static final int OPSET = 13;
    /** The input of the vector form. */
    static final String VECTOR = "features";
    /** The IR version released with opset 13 (ONNX 1.8). */
    static final int IR_VERSION = 7;

    private OnnxExport() {
    }

    /**
     * The graph of a model.
     *
     * @param source where the model was read from, for the graph's documentation and the error messages
     * @param form   what the graph reads: the table's columns, or one vector of the network's inputs
     * @throws InputException for a model the graph cannot express in that form
     */
    public static OnnxMl.ModelProto of(Model model, String source, OnnxInputs form) {
        ColumnGraph columns = columnGraph(model, source, form);
        Network network = model.network();
        ONNXContext context = new ONNXContext();
        context.setName("sparkprop");
        String vector = columns != null ? ColumnGraph.ENCODED
                : form == OnnxInputs.COLUMNS && model.vectorColumn() != null ? model.vectorColumn() : VECTOR;
        ONNXRef<?> a = context.floatInput(vector, network.inputSize());
        double[] fills = fills(model);
        if (model.scaler() != null || fills != null) {
            a = a.cast(double.class);
            if (fills != null) {
                a = context.operation(ONNXOperators.WHERE, List.of(a.apply(OnnxOperator.IS_NAN),
                        context.array("fill", fills, false), a), "filled", attributes());
            }
            if (model.scaler() != null) {
                ONNXInitializer mean = context.array("scaler_mean", model.scaler().mean(), false);
                ONNXInitializer std = context.array("scaler_std", model.scaler().std(), false);
                a = a.apply(ONNXOperators.SUB, mean, "centered").apply(ONNXOperators.DIV, std, "standardized");
            }
            a = a.cast(float.class);
        }
        double[] w = model.weights();
        int depth = network.depth();
        GraphNodes nodes = new GraphNodes(context);
        for (int l = 1; l <= depth; l++) {
            a = layer(context, a, network, w, l);
            if (l < depth) {
                a = network.activation(l).onnx(nodes, a);
            }
        }
        OnnxMl.GraphProto.Builder graph;
        if (model.task() == Task.CLASSIFICATION) {
            graph = classifierOutputs(context, network.activation(depth).onnx(nodes, a), network);
        } else {
            network.activation(depth).onnx(nodes, a).assignTo(context.floatOutput("prediction", network.outputSize()));
            graph = context.buildGraph().toBuilder();
        }
        if (columns != null) {
            columns.attachTo(graph);
        }
        GraphNames.requireDistinct(graph, source);
        return model(graph, model, source, columns);
    }

    /**
     * The part that reads the table's columns, or null when the graph reads one vector: asked for, or a model
     * that names no columns or reads a vector column.
     */
    private static ColumnGraph columnGraph(Model model, String source, OnnxInputs form) {
        InputEncoding encoding = model.encoding();
        if (form == OnnxInputs.VECTOR) {
            List<String> encoded = encodedColumns(model);
            if (!encoded.isEmpty()) {
                throw new InputException("model " + source + " encodes input columns that are not numbers ("
                        + String.join("; ", encoded) + "), which a vector of its " + model.network().inputSize()
                        + " network inputs cannot carry: export its columns ({inputs} columns), whose graph "
                        + "encodes them as predict does");
            }
            return null;
        }
        return encoding == null || model.vectorColumn() != null ? null : ColumnGraph.of(encoding);
    }

    /** z^l = A^{l-1} (W^l)^T + b^l, the weights as float initializers. */
    private static ONNXNode layer(ONNXContext context, ONNXRef<?> a, Network network, double[] w, int l) {
        int in = network.size(l - 1);
        int out = network.size(l);
        int weights = network.weightOffset(l);
        ONNXInitializer weight = context.floatTensor("W" + l, List.of(out, in), buffer -> {
            for (int i = 0; i < out * in; i++) {
                buffer.put((float) w[weights + i]);
            }
        });
        ONNXInitializer bias = context.array("b" + l, Arrays.copyOfRange(w, network.biasOffset(l),
                network.biasOffset(l) + out));
        return context.operation(ONNXOperators.GEMM, List.of(a, weight, bias), "z" + l,
                attributes("alpha", 1.0f, "beta", 1.0f, "transA", 0, "transB", 1));
    }

    /** probabilities and prediction from the output layer's y = f_L(z^L). */
    private static OnnxMl.GraphProto.Builder classifierOutputs(ONNXContext context, ONNXRef<?> y, Network network) {
        int units = network.outputSize();
        ONNXRef<?> prediction;
        if (units == 1) {
            ONNXNode complement = context.constant("one", 1.0f).apply(ONNXOperators.SUB, y, "one_minus_y");
            context.operation(ONNXOperators.CONCAT, List.of(complement, y), "two_classes", attributes("axis", 1))
                    .assignTo(context.floatOutput("probabilities", 2));
            ONNXNode atLeastHalf = y.apply(ONNXOperators.GREATER_OR_EQUAL, context.constant("half", 0.5f), "positive");
            prediction = context.operation(OnnxOperator.SQUEEZE, List.of(atLeastHalf.cast(long.class),
                    context.array("class_axis", new long[] {1})), "class", attributes());
        } else {
            ONNXRef<?> probabilities = network.outputLayer().outputsDistribution() ? y
                    : clippedShares(context, y, units);
            probabilities.assignTo(context.floatOutput("probabilities", units));
            prediction = y.apply(OnnxOperator.ARGMAX, attributes("axis", 1, "keepdims", 0));
        }
        OnnxMl.GraphProto.Builder graph = context.buildGraph().toBuilder();
        // the builder's outputs are float: the int64 class index is added on the graph itself
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName("prediction_identity")
                .addInput(prediction.getReference()).addOutput("prediction"));
        graph.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("prediction").setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.INT64
                        .getNumber()).setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))))));
        return graph;
    }

    /** max(y, 0) / sum_k max(y_k, 0) per row, or 1/k each where that sum is 0. */
    private static ONNXRef<?> clippedShares(ONNXContext context, ONNXRef<?> y, int units) {
        ONNXNode clipped = y.apply(OnnxOperator.RELU);
        ONNXNode sum = context.operation(ONNXOperators.REDUCE_SUM, List.of(clipped,
                context.array("unit_axis", new long[] {1})), "clipped_sum", attributes("keepdims", 1));
        ONNXNode shares = clipped.apply(ONNXOperators.DIV, sum, "shares");
        ONNXNode noMass = sum.apply(OnnxOperator.EQUAL, context.constant("zero", 0.0f), "no_mass");
        return context.operation(ONNXOperators.WHERE, List.of(noMass, context.constant("uniform", 1.0f / units),
                shares), "probabilities_or_uniform", attributes());
    }

    private static OnnxMl.ModelProto model(OnnxMl.GraphProto.Builder graph, Model model, String source,
            ColumnGraph columns) {
        OnnxMl.ModelProto.Builder proto = OnnxMl.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        if (columns != null && columns.usesMl()) {
            proto.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(ColumnGraph.ML_DOMAIN)
                    .setVersion(ColumnGraph.ML_OPSET));
        }
        proto                .setProducerName("sparkprop").setProducerVersion(Version.get()).setDomain("io.github.sparkprop")
                .setModelVersion(1).setDocString("sparkprop " + model.network() + ", exported from " + source)
                .setGraph(graph);
        Map<String, String> metadata = new TreeMap<>();
        metadata.put("sparkprop.task", model.task().id());
        if (model.labels() != null) {
            metadata.put("sparkprop.labels", String.join("\n", model.labels()));
        }
        if (model.features() != null) {
            metadata.put("sparkprop.features", String.join("\n", model.features()));
        }
        if (model.vectorColumn() != null) {
            metadata.put("sparkprop.vectorColumn", model.vectorColumn());
        }
        metadata.put("sparkprop.inputs", GraphNames.inputsJson(graph, model, columns));
        metadata.forEach((key, value) -> proto.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                .setKey(key).setValue(value)));
        return proto.build();
    }

    /** "name: kind" of each input column that is not a number, or none. */
    private static List<String> encodedColumns(Model model) {
        List<String> encoded = new ArrayList<>();
        if (model.inputs() != null) {
            model.inputs().columns().stream().filter(column -> column.kind() != ColumnKind.NUMERIC)
                    .forEach(column -> encoded.add(column.name() + ": " + column.kind().id()));
        }
        return encoded;
    }

    /** The value each network input takes when it is missing (NaN where none is learnt), or null when none is. */
    private static double[] fills(Model model) {
        if (model.inputs() == null || !model.inputs().imputes()) {
            return null;
        }
        double[] fills = new double[model.network().inputSize()];
        Arrays.fill(fills, Double.NaN);
        int[] offsets = model.inputs().offsets();
        List<InputColumn> columns = model.inputs().columns();
        for (int c = 0; c < columns.size(); c++) {
            List<Double> values = columns.get(c).fills();
            for (int k = 0; values != null && k < values.size(); k++) {
                fills[offsets[c] + k] = values.get(k);
            }
        }
        return fills;
    }

    /** The graph's inputs in a few words: "6 columns (date, precipitation, ...)" or "one vector features [N, 4]". */
    public static String describeInputs(OnnxMl.ModelProto graph) {
        List<OnnxMl.ValueInfoProto> inputs = graph.getGraph().getInputList();
        if (inputs.size() == 1 && inputs.get(0).getType().getTensorType().getShape().getDim(1).getDimValue() > 1) {
            return "one vector " + inputs.get(0).getName() + " [N, "
                    + inputs.get(0).getType().getTensorType().getShape().getDim(1).getDimValue() + "]";
        }
        List<String> names = inputs.stream().map(OnnxMl.ValueInfoProto::getName).toList();
        int shown = Math.min(names.size(), 6);
        return names.size() + (names.size() == 1 ? " column (" : " columns (") + String.join(", ",
                names.subList(0, shown)) + (names.size() > shown ? ", ..." : "") + ")";
    }

    /** Attributes in a fixed order (the file's bytes depend on it): name, value, name, value, ... */
    static Map<String, Object> attributes(Object... namesAndValues) {
        Map<String, Object> attributes = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return attributes;
    }
}
