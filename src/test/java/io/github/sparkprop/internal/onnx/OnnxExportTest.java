package io.github.sparkprop.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
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
import java.util.List;
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
        OnnxMl.ModelProto proto = OnnxExport.of(model, "models/iris");
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
        OnnxMl.ModelProto proto = OnnxExport.of(model, "m");
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
        List<String> ops = opTypes(OnnxExport.of(squared, "m"));
        assertTrue(ops.containsAll(List.of("Sigmoid", "Relu", "ReduceSum", "Div", "Equal", "Where", "ArgMax")),
                ops.toString());
        Model regressor = model(new int[] {4, 5, 2}, Activation.SIGMOID, Activation.IDENTITY, Loss.SQUARED,
                Task.REGRESSION, null, scaler());
        OnnxMl.ModelProto proto = OnnxExport.of(regressor, "m");
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
            List<String> ops = opTypes(OnnxExport.of(model, "m"));
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
        assertArrayEquals(OnnxExport.of(model, "m").toByteArray(), OnnxExport.of(model, "m").toByteArray());
    }

    @Test
    void aModelThatEncodesItsColumnsIsRefusedNamingThem() {
        Network network = Network.of(4, new int[] {3}, Activation.RELU, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        InputEncoding inputs = new InputEncoding(List.of(InputColumn.numeric("size"),
                InputColumn.categorical("colour", List.of("blue", "green", "red"), false)));
        Model model = new Model(network, new double[network.parameterCount()], Task.CLASSIFICATION, null, null, null,
                null, null, inputs);
        InputException e = assertThrows(InputException.class, () -> OnnxExport.of(model, "models/shop"));
        assertTrue(e.getMessage().contains("models/shop") && e.getMessage().contains("colour: categorical")
                && e.getMessage().contains("4 network inputs"), e.getMessage());
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
