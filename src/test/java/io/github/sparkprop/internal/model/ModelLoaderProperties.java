package io.github.sparkprop.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.InputException;
import io.github.sparkprop.Task;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import io.github.sparkprop.math.Network;
import io.github.sparkprop.math.Scaler;
import io.github.sparkprop.math.WeightInit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.hadoop.conf.Configuration;

/**
 * Generated damage against the model loader: random header lengths, shapes, dtypes and data offsets in the
 * weights' header, truncations, and mutations of model.json's text. The only outcomes are a model whose
 * shapes agree with its layers, or the loader's one clear error (a {@link ModelFormatException}, one line);
 * never another exception, and never more memory allocated than a small multiple of the files' size.
 */
class ModelLoaderProperties {

    private static final Configuration CONF = new Configuration();
    private static Path dir;
    private static byte[] modelJson;
    private static byte[] weights;

    @BeforeContainer
    static void saveAModel() throws IOException {
        dir = Files.createTempDirectory("sparkprop-loader-properties");
        Network network = Network.of(3, new int[] {4}, Activation.TANH, 2, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        Model model = new Model(network, WeightInit.initialize(network, 1), Task.CLASSIFICATION, List.of("no", "yes"),
                List.of("a", "b", "c"), null, new Scaler(new double[] {1, 2, 3}, new double[] {1, 1, 2}), null);
        Path saved = dir.resolve("valid");
        ModelStore.save(model, saved.toString(), false, Map.of(), CONF);
        modelJson = Files.readAllBytes(saved.resolve(ModelStore.MODEL_JSON));
        weights = Files.readAllBytes(saved.resolve(ModelStore.WEIGHTS));
    }

    /** A weights file whose header is rewritten with generated shapes, dtypes and offsets. */
    @Provide
    Arbitrary<byte[]> rewrittenHeaders() {
        Arbitrary<Long> dimension = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()), net.jqwik.api.Tuple.of(1, Arbitraries.of(-1L,
                        46000L, 1L << 31, 1L << 62, Long.MAX_VALUE)));
        Arbitrary<Long> offset = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()));
        Arbitrary<String> tensor = Combinators.combine(Arbitraries.of("F64", "F32", "F16", "I64", ""),
                dimension.list().ofMaxSize(3), offset, offset)
                .as((dtype, shape, begin, end) -> "{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                        + ",\"data_offsets\":[" + begin + "," + end + "]}");
        return Combinators.combine(tensor, tensor, tensor, tensor, Arbitraries.integers().between(0, 200))
                .as((w0, b0, w1, b1, dataBytes) -> {
                    String header = "{\"layers.0.weight\":" + w0 + ",\"layers.0.bias\":" + b0
                            + ",\"layers.1.weight\":" + w1 + ",\"layers.1.bias\":" + b1 + "}";
                    byte[] json = header.getBytes(StandardCharsets.UTF_8);
                    return ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(json.length).put(json).array();
                });
    }

    /** The valid weights file with a generated header length, truncated, or with bytes flipped. */
    @Provide
    Arbitrary<byte[]> damagedWeights() {
        Arbitrary<byte[]> headerLength = Arbitraries.longs().map(length -> {
            byte[] copy = weights.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            return copy;
        });
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, weights.length - 1)
                .map(length -> Arrays.copyOf(weights, length));
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, weights.length - 1).list().ofMinSize(1)
                .ofMaxSize(8).map(positions -> {
                    byte[] copy = weights.clone();
                    positions.forEach(i -> copy[i] ^= (byte) (1 + i % 255));
                    return copy;
                });
        return Arbitraries.oneOf(headerLength, truncated, flipped, rewrittenHeaders());
    }

    /** model.json with characters deleted, replaced or inserted, or a number replaced by another. */
    @Provide
    Arbitrary<byte[]> damagedModelJson() {
        String text = new String(modelJson, StandardCharsets.UTF_8);
        Arbitrary<byte[]> edited = Combinators.combine(Arbitraries.integers().between(0, text.length() - 1),
                Arbitraries.integers().between(0, 3), Arbitraries.chars().with("{}[]\",:0123456789-e. abcxyz"))
                .as((at, kind, c) -> {
                    String changed = switch (kind) {
                        case 0 -> text.substring(0, at) + text.substring(at + 1);
                        case 1 -> text.substring(0, at) + c + text.substring(at + 1);
                        case 2 -> text.substring(0, at) + c + text.substring(at);
                        default -> text.substring(0, at);
                    };
                    return changed.getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<byte[]> renumbered = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.oneOf(Arbitraries.longs().map(Object::toString), Arbitraries.of("46000", "-1", "0",
                        "1e9", "2147483647", "1.5", "null", "\"x\"")))
                .as((which, number) -> {
                    java.util.regex.Matcher digits = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?")
                            .matcher(text);
                    StringBuilder out = new StringBuilder();
                    int found = 0;
                    while (digits.find()) {
                        digits.appendReplacement(out, found++ == which ? number : digits.group());
                    }
                    return digits.appendTail(out).toString().getBytes(StandardCharsets.UTF_8);
                });
        return Arbitraries.oneOf(edited, renumbered);
    }

    @Property(tries = 1000)
    void damagedWeightsLoadOrFailWithOneLine(@ForAll("damagedWeights") byte[] damaged) throws IOException {
        loadOrFailClearly(modelJson, damaged);
    }

    @Property(tries = 1000)
    void damagedModelJsonLoadsOrFailsWithOneLine(@ForAll("damagedModelJson") byte[] damaged) throws IOException {
        loadOrFailClearly(damaged, weights);
    }

    private static void loadOrFailClearly(byte[] json, byte[] safetensors) throws IOException {
        Path model = dir.resolve("damaged");
        Files.createDirectories(model);
        Files.write(model.resolve(ModelStore.MODEL_JSON), json);
        Files.write(model.resolve(ModelStore.WEIGHTS), safetensors);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            Model loaded = ModelStore.load(model.toString(), CONF);
            assertEquals(loaded.network().parameterCount(), loaded.weights().length);
        } catch (InputException e) {
            assertTrue(e instanceof ModelFormatException, e.getClass().getName() + ": " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64L * (json.length + safetensors.length) + (16L << 20),
                "allocated " + allocated + " bytes for files of " + (json.length + safetensors.length));
    }
}
