package io.github.sparkprop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON header
 * ({@code name -> {dtype, shape, data_offsets: [begin, end]}}, offsets relative to the end of the header),
 * then the raw little-endian row-major tensor data. Writes F64; reads F64 and F32 in any header order,
 * ignoring {@code __metadata__}.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** A named tensor: its shape and its values in row-major order. */
    public record Tensor(long[] shape, double[] values) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape holds " + n + " values, got " + values.length);
            }
        }
    }

    /** The bytes of a safetensors file holding the tensors as F64, in the given order. */
    public static byte[] write(Map<String, Tensor> tensors) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", "F64");
            var shape = info.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 8L * e.getValue().values().length;
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // keeps the data 8-byte aligned; padding is spaces
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        for (Tensor tensor : tensors.values()) {
            for (double v : tensor.values()) {
                buffer.putDouble(v);
            }
        }
        return buffer.array();
    }

    /**
     * The tensors of a safetensors file, converted to double.
     *
     * @param name the file, for messages
     * @throws ModelFormatException when the file is truncated or its header is not valid
     */
    public static Map<String, Tensor> read(byte[] bytes, String name) {
        if (bytes.length < 8) {
            throw new ModelFormatException(name + " is truncated: " + bytes.length + " bytes, no header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new ModelFormatException(name + " is truncated or not a safetensors file: header length "
                    + headerLength + ", file size " + bytes.length);
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelFormatException(name + " has an unreadable header: " + e.getMessage(), e);
        }
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            tensors.put(e.getKey(), readTensor(buffer, dataStart, e.getKey(), e.getValue(), name));
        }
        return tensors;
    }

    private static Tensor readTensor(ByteBuffer buffer, long dataStart, String tensor, JsonNode info, String name) {
        String dtype = info.path("dtype").asText();
        int width = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            default -> throw new ModelFormatException(name + ": tensor " + tensor + " has dtype '" + dtype
                    + "'; sparkprop reads F64 and F32");
        };
        JsonNode shapeNode = info.path("shape");
        JsonNode offsets = info.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new ModelFormatException(name + ": tensor " + tensor + " lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        long begin = dataStart + offsets.get(0).asLong();
        long end = dataStart + offsets.get(1).asLong();
        if (end - begin != count * width) {
            throw new ModelFormatException(name + ": tensor " + tensor + " of shape " + shapeNode + " needs "
                    + count * width + " bytes, its data_offsets span " + (end - begin));
        }
        if (begin < dataStart || end > buffer.capacity()) {
            throw new ModelFormatException(name + " is truncated: tensor " + tensor + " ends at byte " + end
                    + " of a " + buffer.capacity() + "-byte file");
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            int at = (int) (begin + (long) i * width);
            values[i] = width == 8 ? buffer.getDouble(at) : buffer.getFloat(at);
        }
        return new Tensor(shape, values);
    }
}
