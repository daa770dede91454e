package io.github.sparkprop.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.internal.JvmLimits;
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

    /** The largest file {@link #write} makes: one Java array. */
    public static final long MAX_FILE_BYTES = JvmLimits.MAX_ARRAY_LENGTH;

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
        long size = 8 + padded + offset;
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException("a weights file of " + String.format("%,d", size) + " bytes ("
                    + tensors.size() + " tensors of F64) is larger than sparkprop writes (" + MAX_FILE_BYTES
                    + " bytes): choose a smaller network");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException(name + " has an unreadable header: " + e.getOriginalMessage() + " (column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + " of the header)", e);
        } catch (IOException e) {
            throw new ModelFormatException(name + " has an unreadable header: " + e.getMessage(), e);
        }
        if (!header.isObject()) {
            throw new ModelFormatException(name + " has a header that is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        java.util.TreeMap<Long, long[]> regions = new java.util.TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            long[] region = region(buffer, dataStart, e.getKey(), e.getValue(), name);
            if (region[1] > region[0] && regions.put(region[0], region) != null) {
                throw new ModelFormatException(name + ": tensors overlap at byte " + region[0] + " of the data");
            }
            tensors.put(e.getKey(), readTensor(buffer, dataStart, region, e.getValue(), name));
        }
        requireContiguous(regions, bytes.length - dataStart, name);
        return tensors;
    }

    /**
     * The tensors' regions must tile the data section exactly, as the format requires: in order of their
     * starts, each begins where the one before ends, the first at 0 and the last at the end of the file. So no
     * two tensors share bytes and no byte is left over.
     */
    private static void requireContiguous(java.util.TreeMap<Long, long[]> regions, long dataLength, String name) {
        long next = 0;
        for (long[] region : regions.values()) {
            if (region[0] != next) {
                throw new ModelFormatException(name + ": the tensors' data_offsets " + (region[0] < next
                        ? "overlap" : "leave a gap") + " at byte " + Math.min(region[0], next) + " of the data");
            }
            next = region[1];
        }
        if (next != dataLength) {
            throw new ModelFormatException(name + ": the tensors' data end at byte " + next + " of " + dataLength
                    + " data bytes");
        }
    }

    /**
     * The [begin, end) byte offsets of a tensor's data, relative to the data section, checked against its
     * dtype and shape and the file's size before anything is allocated.
     */
    private static long[] region(ByteBuffer buffer, long dataStart, String tensor, JsonNode info, String name) {
        int width = width(info, tensor, name);
        JsonNode shapeNode = info.path("shape");
        JsonNode offsets = info.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber()) {
            throw new ModelFormatException(name + ": tensor " + tensor + " lacks a shape or integer data_offsets");
        }
        long count = 1;
        try {
            for (JsonNode dimension : shapeNode) {
                if (!dimension.isIntegralNumber() || !dimension.canConvertToLong() || dimension.asLong() < 0) {
                    throw new ModelFormatException(name + ": tensor " + tensor + " has shape " + shapeNode
                            + "; dimensions are integers >= 0");
                }
                count = Math.multiplyExact(count, dimension.asLong());
            }
            count = Math.multiplyExact(count, (long) width);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(name + ": tensor " + tensor + " of shape " + shapeNode + " is larger than "
                    + "any file", e);
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        long dataLength = buffer.capacity() - dataStart;
        if (begin < 0 || end < begin || end > dataLength) {
            throw new ModelFormatException(name + " is truncated or damaged: tensor " + tensor + " has data_offsets "
                    + offsets + " in " + dataLength + " data bytes");
        }
        if (end - begin != count) {
            throw new ModelFormatException(name + ": tensor " + tensor + " of shape " + shapeNode + " needs "
                    + count + " bytes, its data_offsets span " + (end - begin));
        }
        return new long[] {begin, end};
    }

    private static int width(JsonNode info, String tensor, String name) {
        String dtype = info.path("dtype").asText();
        return switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            default -> throw new ModelFormatException(name + ": tensor " + tensor + " has dtype '" + dtype
                    + "'; sparkprop reads F64 and F32");
        };
    }

    private static Tensor readTensor(ByteBuffer buffer, long dataStart, long[] region, JsonNode info,
            String name) {
        int width = width(info, "", name);
        long[] shape = new long[info.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = info.path("shape").get(i).asLong();
        }
        double[] values = new double[(int) ((region[1] - region[0]) / width)];
        for (int i = 0; i < values.length; i++) {
            int at = (int) (dataStart + region[0] + (long) i * width);
            values[i] = width == 8 ? buffer.getDouble(at) : buffer.getFloat(at);
        }
        return new Tensor(shape, values);
    }
}
