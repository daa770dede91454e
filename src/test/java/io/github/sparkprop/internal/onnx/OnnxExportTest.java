package io.github.sparkprop.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph's structure, names and types, what it refuses, and how the file is written. That the graph
 * computes what {@code predict} computes is checked by onnxruntime, in the Python tests ({@code
 * python/tests/test_onnx.py}), against {@code sparkprop predict} on the iris and MNIST models.
 */
class OnnxExportTest {

    @TempDir
    Path dir;

    private static Model model(int[] layers, Activation hidden, Activation output, Loss loss, Task task,
            List<String> labels, Scaler scaler) {
        int[] sizes = new int[layers.length - 2];
        System.arraycopy(layers, 1, sizes, 0, sizes.length);
        Network network = Network.of(layers[0], sizes, hidden, layers[layers.length - 1], output, loss);
        double[] w = new Random(1).doubles(network.parameterCount(), -1, 1).toArray();
        return new Model(network, w, task, labels, List.of("a", "b", "c", "d"), null, scaler, null);
    }

    private static Scaler scaler() {
        return new Scaler(new double[] {5.8, 3.0, 3.8, 1.2}, new double[] {0.8, 0.4, 1.8, 0.8});
    }

    private static List<String> opTypes(OnnxMl.ModelProto proto) {
        return proto.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
    }

    private static OnnxMl.ValueInfoProto output(OnnxMl.ModelProto proto, String name) {
        return proto.getGraph().getOutputList().stream().filter(o -> o.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no output " + name + " in " + proto.getGraph().getOutputList()));
    }

    private static void assertTensor(OnnxMl.ValueInfoProto value, OnnxMl.TensorProto.DataType type, int... dims) {
        OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
        assertEquals(type.getNumber(), tensor.getElemType(), value.getName());
        List<OnnxMl.TensorShapeProto.Dimension> shape = tensor.getShape().getDimList();
        assertEquals(1 + dims.length, shape.size(), value.getName());
        assertEquals("batch", shape.get(0).getDimParam(), value.getName());
        for (int i = 0; i < dims.length; i++) {
            assertEquals(dims[i], shape.get(i + 1).getDimValue(), value.getName());
        }
    }

    @Test
    void aSoftmaxClassifierReadsFloatFeaturesScalesInDoubleAndNamesItsOutputs() {
        Model model = model(new int[] {4, 6, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY,
                Task.CLASSIFICATION, List.of("setosa", "versicolor", "virginica"), scaler());
        OnnxMl.ModelProto proto = OnnxExport.of(model, "models/iris", OnnxInputs.VECTOR);
        assertEquals(7, proto.getIrVersion());
        assertEquals(13, proto.getOpsetImport(0).getVersion());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        assertEquals("sparkprop", proto.getProducerName());
        assertEquals(1, proto.getGraph().getInputCount());
        assertEquals("features", proto.getGraph().getInput(0).getName());
        assertTensor(proto.getGraph().getInput(0), OnnxMl.TensorProto.DataType.FLOAT, 4);
        assertEquals(2, proto.getGraph().getOutputCount());
        assertTensor(output(proto, "probabilities"), OnnxMl.TensorProto.DataType.FLOAT, 3);
        assertTensor(output(proto, "prediction"), OnnxMl.TensorProto.DataType.INT64);
        assertEquals(List.of("Cast", "Sub", "Div", "Cast", "Gemm", "Tanh", "Gemm", "Softmax", "Identity", "ArgMax",
                "Identity"), opTypes(proto));
        // the scaler's initializers are double, the weights float, W^1 stored as n_1 x n_0
        OnnxMl.TensorProto mean = initializer(proto, "scaler_mean");
        assertEquals(OnnxMl.TensorProto.DataType.DOUBLE.getNumber(), mean.getDataType());
        double[] means = new double[4];
        mean.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(means);
        assertArrayEquals(new double[] {5.8, 3.0, 3.8, 1.2}, means);
        OnnxMl.TensorProto w1 = initializer(proto, "W1");
        assertEquals(OnnxMl.TensorProto.DataType.FLOAT.getNumber(), w1.getDataType());
        assertEquals(List.of(6L, 4L), w1.getDimsList());
        float[] stored = new float[24];
        w1.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(stored);
        for (int i = 0; i < 24; i++) {
            assertEquals((float) model.weights()[model.network().weightOffset(1) + i], stored[i], 0.0f);
        }
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(p -> p.getKey().equals("sparkprop.labels")
                && p.getValue().equals("setosa\nversicolor\nvirginica")), proto.getMetadataPropsList().toString());
        OnnxMl.NodeProto gemm = proto.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Gemm"))
                .findFirst().orElseThrow();
        assertTrue(gemm.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB") && a.getI() == 1));
        OnnxMl.NodeProto argMax = proto.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("ArgMax"))
                .findFirst().orElseThrow();
        assertTrue(argMax.getAttributeList().stream().anyMatch(a -> a.getName().equals("axis") && a.getI() == 1));
        assertTrue(argMax.getAttributeList().stream().anyMatch(a -> a.getName().equals("keepdims") && a.getI() == 0));
    }

    private static OnnxMl.TensorProto initializer(OnnxMl.ModelProto proto, String prefix) {
        return proto.getGraph().getInitializerList().stream().filter(t -> t.getName().startsWith(prefix + "_"))
                .findFirst().orElseThrow(() -> new AssertionError("no initializer " + prefix));
    }

    @Test
    void oneSigmoidUnitGivesTwoProbabilityColumnsAndTheRuleOfAHalf() {
        Model model = model(new int[] {4, 5, 1}, Activation.LEAKY_RELU, Activation.SIGMOID, Loss.CROSS_ENTROPY,
                Task.CLASSIFICATION, List.of("no", "yes"), null);
        OnnxMl.ModelProto proto = OnnxExport.of(model, "m", OnnxInputs.VECTOR);
        assertTensor(output(proto, "probabilities"), OnnxMl.TensorProto.DataType.FLOAT, 2);
        assertTensor(output(proto, "prediction"), OnnxMl.TensorProto.DataType.INT64);
        List<String> ops = opTypes(proto);
        assertFalse(ops.contains("Cast") && ops.indexOf("Cast") < ops.indexOf("Gemm"), "no scaler: " + ops);
        assertTrue(ops.containsAll(List.of("LeakyRelu", "Sigmoid", "Sub", "Concat", "GreaterOrEqual", "Squeeze")),
                ops.toString());
    }

    @Test
    void squaredLossClassifiersAndRegressorsHaveTheirOwnOutputs() {
        Model squared = model(new int[] {4, 5, 3}, Activation.RELU, Activation.SIGMOID, Loss.SQUARED,
                Task.CLASSIFICATION, List.of("x", "y", "z"), null);
        List<String> ops = opTypes(OnnxExport.of(squared, "m", OnnxInputs.VECTOR));
        assertTrue(ops.containsAll(List.of("Sigmoid", "Relu", "ReduceSum", "Div", "Equal", "Where", "ArgMax")),
                ops.toString());
        Model regressor = model(new int[] {4, 5, 2}, Activation.SIGMOID, Activation.IDENTITY, Loss.SQUARED,
                Task.REGRESSION, null, scaler());
        OnnxMl.ModelProto proto = OnnxExport.of(regressor, "m", OnnxInputs.VECTOR);
        assertEquals(1, proto.getGraph().getOutputCount());
        assertTensor(output(proto, "prediction"), OnnxMl.TensorProto.DataType.FLOAT, 2);
    }

    /**
     * Every hidden activation the registry offers writes its nodes between the two Gemms (onnxruntime's numbers
     * for each are compared with predict's in python/tests/test_onnx.py).
     */
    @Test
    void everyHiddenActivationAddsItsNodes() {
        for (String id : Activation.hiddenIds()) {
            Model model = model(new int[] {4, 5, 3}, Activation.fromId(id), Activation.SOFTMAX, Loss.CROSS_ENTROPY,
                    Task.CLASSIFICATION, null, null);
            List<String> ops = opTypes(OnnxExport.of(model, "m", OnnxInputs.VECTOR));
            assertEquals("Gemm", ops.get(0), id + ": " + ops);
            int second = ops.lastIndexOf("Gemm");
            assertEquals(id.equals("identity"), second == 1, id + ": " + ops);
            assertEquals("Softmax", ops.get(second + 1), id + ": " + ops);
        }
    }

    @Test
    void theSameModelGivesTheSameBytes() {
        Model model = model(new int[] {4, 6, 3}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY,
                Task.CLASSIFICATION, null, scaler());
        assertArrayEquals(OnnxExport.of(model, "m", OnnxInputs.VECTOR).toByteArray(),
                OnnxExport.of(model, "m", OnnxInputs.VECTOR).toByteArray());
        assertArrayEquals(OnnxExport.of(encodedModel("price"), "m", OnnxInputs.COLUMNS).toByteArray(),
                OnnxExport.of(encodedModel("price"), "m", OnnxInputs.COLUMNS).toByteArray());
    }

    private static Model encodedModel(String numericName) {
        InputEncoding inputs = new InputEncoding(List.of(
                InputColumn.numeric(numericName).withFills(List.of(2.5)),
                InputColumn.categorical("colour", List.of("blue", "green", "red"), true),
                new InputColumn("size", ColumnKind.CATEGORICAL, List.of("1", "2"), null, false, true),
                InputColumn.of("day", ColumnKind.DATE).withFills(List.of(2012.0, 100.0)),
                InputColumn.of("at", ColumnKind.TIMESTAMP),
                InputColumn.of("member", ColumnKind.BOOLEAN)));
        Network network = Network.of(inputs.width(), new int[] {3}, Activation.RELU, 2, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        return new Model(network, new double[network.parameterCount()], Task.CLASSIFICATION, null, null, null,
                null, null, inputs);
    }

    @Test
    void anEncodedModelReadsEachColumnUnderItsNameAndType() throws Exception {
        OnnxMl.ModelProto proto = OnnxExport.of(encodedModel("price"), "models/shop", OnnxInputs.COLUMNS);
        List<OnnxMl.ValueInfoProto> inputs = proto.getGraph().getInputList();
        assertEquals(List.of("price", "colour", "size", "day", "at", "member"),
                inputs.stream().map(OnnxMl.ValueInfoProto::getName).toList());
        OnnxMl.TensorProto.DataType[] types = {OnnxMl.TensorProto.DataType.FLOAT, OnnxMl.TensorProto.DataType.STRING,
            OnnxMl.TensorProto.DataType.STRING, OnnxMl.TensorProto.DataType.DOUBLE, OnnxMl.TensorProto.DataType.DOUBLE,
            OnnxMl.TensorProto.DataType.FLOAT};
        for (int i = 0; i < types.length; i++) {
            assertTensor(inputs.get(i), types[i], 1);
        }
        assertTrue(inputs.get(3).getDocString().contains("days since 1970-01-01"), inputs.get(3).getDocString());
        assertTrue(proto.getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals("ai.onnx.ml")
                && o.getVersion() == 2), proto.getOpsetImportList().toString());
        List<OnnxMl.NodeProto> encoders = proto.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("LabelEncoder")).toList();
        assertEquals(2, encoders.size());
        // colour: its three categories, then every spelling of a gap to its missing slot (3); unseen: none (-1)
        Map<String, Long> colour = labelMap(encoders.get(0));
        assertEquals(List.of(0L, 1L, 2L), List.of(colour.get("blue"), colour.get("green"), colour.get("red")));
        for (String gap : List.of("", "NA", "na", "N/A", "NaN", "nan", "NULL", "Null")) {
            assertEquals(3L, colour.get(gap), gap);
        }
        assertEquals(-1L, defaultOf(encoders.get(0)));
        // size: integers read with or without ".0"; unseen to the other slot (2); a gap has no slot (-2, NaN)
        Map<String, Long> size = labelMap(encoders.get(1));
        assertEquals(1L, size.get("2.0"));
        assertEquals(-2L, size.get("NA"));
        assertEquals(2L, defaultOf(encoders.get(1)));
        String metadata = proto.getMetadataPropsList().stream().filter(p -> p.getKey().equals("sparkprop.inputs"))
                .findFirst().orElseThrow().getValue();
        JsonNode described = new ObjectMapper().readTree(metadata);
        assertEquals(6, described.size());
        assertEquals("day", described.get(3).get("name").asText());
        assertEquals("double", described.get(3).get("type").asText());
        assertEquals("date", described.get(3).get("kind").asText());
        assertEquals("string", described.get(1).get("type").asText());
        // the fill values in input order: price 2.5, colour's 4 and size's 3 slots none, day's two, at's none...
        OnnxMl.TensorProto fill = initializer(proto, "fill");
        double[] fills = new double[fill.getDims(0) == 0 ? 0 : (int) fill.getDims(0)];
        fill.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(fills);
        assertEquals(2.5, fills[0]);
        assertTrue(Double.isNaN(fills[1]) && Double.isNaN(fills[7]));
        assertArrayEquals(new double[] {2012.0, 100.0}, Arrays.copyOfRange(fills, 8, 10));
        assertTrue(Double.isNaN(fills[10]));
    }

    private static Map<String, Long> labelMap(OnnxMl.NodeProto encoder) {
        OnnxMl.AttributeProto keys = attribute(encoder, "keys_strings");
        OnnxMl.AttributeProto values = attribute(encoder, "values_int64s");
        Map<String, Long> map = new java.util.HashMap<>();
        for (int i = 0; i < keys.getStringsCount(); i++) {
            assertEquals(null, map.put(keys.getStrings(i).toStringUtf8(), values.getInts(i)), "a key twice");
        }
        return map;
    }

    private static long defaultOf(OnnxMl.NodeProto encoder) {
        return attribute(encoder, "default_int64").getI();
    }

    private static OnnxMl.AttributeProto attribute(OnnxMl.NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aPlainModelReadsItsColumnsOrOneVector() {
        Model model = model(new int[] {4, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY,
                Task.CLASSIFICATION, null, scaler());
        OnnxMl.ModelProto columns = OnnxExport.of(model, "m", OnnxInputs.COLUMNS);
        assertEquals(List.of("a", "b", "c", "d"), columns.getGraph().getInputList().stream()
                .map(OnnxMl.ValueInfoProto::getName).toList());
        assertEquals("4 columns (a, b, c, d)", OnnxExport.describeInputs(columns));
        assertEquals(1, columns.getOpsetImportCount(), "no ONNX-ML operator: no ai.onnx.ml import");
        assertEquals("one vector features [N, 4]", OnnxExport.describeInputs(OnnxExport.of(model, "m",
                OnnxInputs.VECTOR)));
    }

    @Test
    void aVectorCannotCarryCategoriesOrDates() {
        InputException e = assertThrows(InputException.class,
                () -> OnnxExport.of(encodedModel("price"), "models/shop", OnnxInputs.VECTOR));
        assertTrue(e.getMessage().contains("models/shop") && e.getMessage().contains("colour: categorical")
                && e.getMessage().contains("day: date") && e.getMessage().contains("inputs columns"), e.getMessage());
    }

    @Test
    void aColumnNamedAsAValueOfTheGraphIsRefused() {
        InputException e = assertThrows(InputException.class,
                () -> OnnxExport.of(encodedModel("prediction"), "models/shop", OnnxInputs.COLUMNS));
        assertTrue(e.getMessage().contains("column named 'prediction'") && e.getMessage().contains("inputs vector"),
                e.getMessage());
    }

    @Test
    void theFileIsWrittenWholeAndReplacedOnlyWhenAsked() throws IOException {
        Configuration conf = new Configuration();
        String output = dir.resolve("model.onnx").toString();
        OnnxFile.write(new byte[] {1, 2, 3}, output, false, conf);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(Path.of(output)));
        InputException exists = assertThrows(InputException.class,
                () -> OnnxFile.write(new byte[] {4}, output, false, conf));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        OnnxFile.write(new byte[] {4}, output, true, conf);
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(Path.of(output)));
        InputException directory = assertThrows(InputException.class,
                () -> OnnxFile.write(new byte[] {4}, dir.toString(), true, conf));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("model.onnx"), files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc"))
                    .toList());
        }
    }
}
