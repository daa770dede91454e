package io.github.sparkprop.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.internal.encoding.ColumnKind;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import io.github.sparkprop.math.WeightInit;
import io.github.sparkprop.testing.CommandLineWords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private static Model sample() {
        Network network = Network.of(3, new int[] {4}, Activation.TANH, 3, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        ObjectNode training = new ObjectMapper().createObjectNode().put("iterations", 7);
        return new Model(network, WeightInit.initialize(network, 1), Task.CLASSIFICATION, List.of("b", "c", "d"),
                List.of("x", "y", "z"), null, new Scaler(new double[] {1, 2, 3}, new double[] {0.5, 1, 2}), training);
    }

    @Test
    void aSavedModelLoadsBackUnchanged() throws IOException {
        String out = dir.resolve("m").toString();
        Model model = sample();
        ModelStore.save(model, out, false, Map.of("history.csv", "iteration\n1\n".getBytes(StandardCharsets.UTF_8)), CONF);
        Model loaded = ModelStore.load(out, CONF);
        assertEquals(model.network(), loaded.network());
        assertArrayEquals(model.weights(), loaded.weights(), 0.0);
        assertEquals(model.labels(), loaded.labels());
        assertEquals(model.features(), loaded.features());
        assertArrayEquals(model.scaler().mean(), loaded.scaler().mean(), 0.0);
        assertArrayEquals(model.scaler().std(), loaded.scaler().std(), 0.0);
        assertEquals(7, loaded.training().get("iterations").asInt());
        assertEquals("iteration\n1\n", Files.readString(Path.of(out, "history.csv")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("m"), files.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }

    @Test
    void anExistingOutputIsReplacedOnlyWithOverwrite() {
        String out = dir.resolve("m").toString();
        ModelStore.save(sample(), out, false, Map.of(), CONF);
        InputException e = assertThrows(InputException.class, () -> ModelStore.save(sample(), out, false, Map.of(), CONF));
        assertTrue(CommandLineWords.of(e).contains("already exists; use --overwrite"), e.getMessage());
        ModelStore.save(sample(), out, true, Map.of(), CONF);
        assertEquals(sample().network(), ModelStore.load(out, CONF).network());
    }

    /**
     * model.json with only the required fields, and a safetensors file written here byte by byte: F32, the
     * bias before the weight, a __metadata__ entry. W = [[0.5, -1]], b = [0.25]; for x = (2, 1),
     * z = 0.5 * 2 - 1 * 1 + 0.25 = 0.25 and y_hat = 1 / (1 + e^-0.25) = 0.5621765008857981.
     */
    @Test
    void aHandWrittenMinimalModelLoadsAndPredicts() throws IOException {
        Path model = Files.createDirectory(dir.resolve("hand"));
        Files.writeString(model.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [2, 1], \"activations\": [\"sigmoid\"], \"loss\": \"cross-entropy\"}");
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[4,12]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json).putFloat(0.25f).putFloat(0.5f).putFloat(-1f);
        Files.write(model.resolve("weights.safetensors"), bytes.array());

        Model loaded = ModelStore.load(model.toString(), CONF);
        assertEquals(Task.CLASSIFICATION, loaded.task());
        assertEquals(List.of("0", "1"), loaded.labels());
        assertNull(loaded.features());
        double[] p = new Backprop(loaded.network()).predict(loaded.weights(), new double[] {2, 1}, 1);
        assertEquals(0.5621765008857981, p[0], 1e-15);
    }

    /**
     * A 3-input, 2-class softmax model written here in the PyTorch nn.Linear layout, F64:
     * W = [[1, 2, 3], [4, 5, 6]] (row-major, shape [2, 3]), b = [0.5, -0.5]. For x = (1, 0, -1):
     * z = (1 - 3 + 0.5, 4 - 6 - 0.5) = (-1.5, -2.5), and softmax(z) = (1 / (1 + e^-1), 1 / (1 + e)).
     * A transposed reading of W would give z = (1 - 5 + 0.5, ...) instead.
     */
    /**
     * A tensor's bytes must be where its shape says, apart from every other tensor's, tiling the data:
     * overlapping regions (the bias inside the weights' bytes), a gap, a negative or overflowing shape and
     * negative offsets are each refused with one line, before anything is allocated.
     */
    @Test
    void tensorRegionsMustTileTheDataExactly() throws IOException {
        String overlap = "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertDamaged(overlap, 12, "overlap");
        String gap = "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}";
        assertDamaged(gap, 16, "leave a gap");
        String negative = "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[-1,-2],\"data_offsets\":[0,8]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertDamaged(negative, 12, "dimensions are integers >= 0");
        String huge = "{\"layers.0.weight\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,4],"
                + "\"data_offsets\":[0,8]},\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertDamaged(huge, 12, "larger than any file");
        String backwards = "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[-8,0]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertDamaged(backwards, 12, "data_offsets [-8,0]");
    }

    /**
     * Sizes declared by a small file are checked against the files that exist before anything is allocated: a
     * 98-byte model.json declaring [46000, 46000] (2.1e9 parameters, 17 GB) beside a small weights file, and a
     * sparse weights file of 3 GiB beside a small model, are each refused with one line.
     */
    @Test
    void declaredSizesAreCheckedAgainstTheFilesBeforeAllocating() throws IOException {
        Path model = Files.createDirectory(dir.resolve("huge-declared"));
        Files.writeString(model.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [46000, 46000], \"activations\": [\"identity\"], \"loss\": \"squared\"}");
        Files.write(model.resolve("weights.safetensors"), new byte[1000]);
        String message = assertThrows(ModelFormatException.class, () -> ModelStore.load(model.toString(), CONF))
                .getMessage();
        assertTrue(message.contains("has 1000 bytes; the 2116046000 parameters") && message.lines().count() == 1,
                message);

        Path sparse = Files.createDirectory(dir.resolve("huge-file"));
        Files.writeString(sparse.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [2, 1], \"activations\": [\"sigmoid\"], \"loss\": \"cross-entropy\"}");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(
                sparse.resolve("weights.safetensors").toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: no disk space used
        }
        message = assertThrows(ModelFormatException.class, () -> ModelStore.load(sparse.toString(), CONF))
                .getMessage();
        assertTrue(message.contains("has 3221225472 bytes; the 3 parameters") && message.lines().count() == 1,
                message);

        // half a billion classes and no labels: their default names must not be made before the weights are
        // checked (there are none)
        Path classes = Files.createDirectory(dir.resolve("huge-classes"));
        Files.writeString(classes.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [1, 500000000], \"activations\": [\"softmax\"], \"loss\": \"cross-entropy\"}");
        message = assertThrows(ModelFormatException.class, () -> ModelStore.load(classes.toString(), CONF))
                .getMessage();
        assertTrue(message.contains("weights.safetensors is missing") && message.lines().count() == 1, message);
    }

    private void assertDamaged(String header, int dataBytes, String expected) throws IOException {
        Path model = Files.createDirectories(dir.resolve("damaged-" + Math.abs(header.hashCode())));
        Files.writeString(model.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [2, 1], \"activations\": [\"sigmoid\"], \"loss\": \"cross-entropy\"}");
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        Files.write(model.resolve("weights.safetensors"), bytes.array());
        String message = assertThrows(ModelFormatException.class, () -> ModelStore.load(model.toString(), CONF))
                .getMessage();
        assertTrue(message.contains(expected) && message.lines().count() == 1, message);
    }

    @Test
    void weightsAreReadRowMajorAsPyTorchWritesThem() throws IOException {
        Path model = Files.createDirectory(dir.resolve("torch"));
        Files.writeString(model.resolve("model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [3, 2], \"activations\": [\"softmax\"], \"loss\": \"cross-entropy\", "
                + "\"labels\": [\"no\", \"yes\"]}");
        String header = "{\"layers.0.weight\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]},"
                + "\"layers.0.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[48,64]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        for (double v : new double[] {1, 2, 3, 4, 5, 6, 0.5, -0.5}) {
            bytes.putDouble(v);
        }
        Files.write(model.resolve("weights.safetensors"), bytes.array());

        Model loaded = ModelStore.load(model.toString(), CONF);
        assertEquals(List.of("no", "yes"), loaded.labels());
        double[] p = new Backprop(loaded.network()).predict(loaded.weights(), new double[] {1, 0, -1}, 1);
        assertEquals(1 / (1 + Math.exp(-1)), p[0], 1e-15);
        assertEquals(1 / (1 + Math.exp(1)), p[1], 1e-15);
    }

    @Test
    void overwriteReplacesAModelButNeverOtherData() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "precious");
        InputException e = assertThrows(InputException.class,
                () -> ModelStore.save(sample(), data.toString(), true, Map.of(), CONF));
        assertTrue(e.getMessage().contains("is not a sparkprop model"), e.getMessage());
        assertEquals("precious", Files.readString(data.resolve("notes.txt")));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        ModelStore.save(sample(), empty.toString(), true, Map.of(), CONF);
        assertTrue(Files.exists(empty.resolve("model.json")));
    }

    @Test
    void weightsThatModelJsonDoesNotUseAreRefused() throws IOException {
        String out = dir.resolve("m").toString();
        ModelStore.save(sample(), out, false, Map.of(), CONF);
        // the saved network is 3 -> 4 -> 3; a model.json of only its first layer leaves layers.1.* unused
        Files.writeString(Path.of(out, "model.json"), "{\"format\": \"sparkprop-model\", \"formatVersion\": 1, "
                + "\"layers\": [3, 4], \"activations\": [\"tanh\"], \"loss\": \"squared\"}");
        String message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("[layers.1.bias, layers.1.weight]") && message.contains("do not belong together"),
                message);
    }

    @Test
    void aTruncatedWeightsFileFailsWithOneClearLine() throws IOException {
        String out = dir.resolve("m").toString();
        ModelStore.save(sample(), out, false, Map.of(), CONF);
        Path weights = Path.of(out, "weights.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 10));
        String message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("truncated"), message);
        assertTrue(message.lines().count() == 1, message);
    }

    @Test
    void anUnknownFormatVersionOrAWrongShapeFails() throws IOException {
        String out = dir.resolve("m").toString();
        ModelStore.save(sample(), out, false, Map.of(), CONF);
        Path json = Path.of(out, "model.json");
        String original = Files.readString(json);

        Files.writeString(json, original.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        String message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("formatVersion 7; this sparkprop reads versions 1 and 2"), message);

        Files.writeString(json, original.replace("\"layers\" : [ 3, 4, 3 ]", "\"layers\" : [ 3, 5, 3 ]"));
        message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("layers.0.weight has shape [4, 3], model.json's layers need [5, 3]"), message);
    }

    @Test
    void aModelWithEncodedInputsIsVersion2AndLoadsBackUnchanged() throws IOException {
        Network network = Network.of(7, new int[0], Activation.IDENTITY, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        InputEncoding inputs = new InputEncoding(List.of(InputColumn.numeric("x").withFills(List.of(2.5)),
                InputColumn.categorical("c", List.of("a", "b"), true), InputColumn.of("d", ColumnKind.DATE),
                InputColumn.of("b", ColumnKind.BOOLEAN)));
        Model model = new Model(network, WeightInit.initialize(network, 1), Task.CLASSIFICATION, List.of("n", "y"),
                null, null, null, null, inputs);
        String out = dir.resolve("v2").toString();
        ModelStore.save(model, out, false, Map.of(), CONF);
        String json = Files.readString(Path.of(out, "model.json"));
        assertTrue(json.contains("\"formatVersion\" : 2"), json);
        Model loaded = ModelStore.load(out, CONF);
        assertEquals(inputs, loaded.inputs());
        assertEquals(List.of("x", "c=a", "c=b", "c=(missing)", "d.year", "d.dayOfYear", "b"), loaded.features());
        assertEquals(List.of("x", "c", "d", "b"), loaded.inputColumns());

        Path file = Path.of(out, "model.json");
        Files.writeString(file, json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
        String message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("\"inputs\" needs formatVersion 2"), message);
        Files.writeString(file, json.replace("\"kind\" : \"date\"", "\"kind\" : \"weekday\""));
        message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("\"inputs\"[2]: unknown column kind 'weekday'"), message);
        Files.writeString(file, json.replace("\"categories\" : [ \"a\", \"b\" ]", "\"categories\" : [ \"a\" ]"));
        message = assertThrows(ModelFormatException.class, () -> ModelStore.load(out, CONF)).getMessage();
        assertTrue(message.contains("\"inputs\" make 6 inputs; the network takes 7"), message);

        Model numbers = new Model(network, model.weights(), Task.CLASSIFICATION, List.of("n", "y"), null, null, null,
                null, InputEncoding.numeric(List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7")));
        String plain = dir.resolve("v1").toString();
        ModelStore.save(numbers, plain, false, Map.of(), CONF);
        assertTrue(Files.readString(Path.of(plain, "model.json")).contains("\"formatVersion\" : 1"),
                "numbers in columns: version 1, as earlier readers read");
        assertNull(ModelStore.load(plain, CONF).inputs());
    }

    @Test
    void aDirectoryWithoutAModelIsNamed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String message = assertThrows(ModelFormatException.class,
                () -> ModelStore.load(empty.toString(), CONF)).getMessage();
        assertTrue(message.contains("not a complete sparkprop model: model.json is missing"), message);
        message = assertThrows(ModelFormatException.class,
                () -> ModelStore.load(dir.resolve("absent").toString(), CONF)).getMessage();
        assertTrue(message.contains("does not exist"), message);
    }
}
