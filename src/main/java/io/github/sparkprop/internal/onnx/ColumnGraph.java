package io.github.sparkprop.internal.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.github.sparkprop.internal.encoding.InputColumn;
import io.github.sparkprop.internal.encoding.InputEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The part of an exported graph that reads a table's own columns, one graph input per column named as the
 * column, and writes the n_0 network inputs as {@code predict} encodes them ({@code ValueEncoder}), before the
 * fill values, the scaler and the layers:
 *
 * <pre>
 *   numeric     float [N, 1], as it is; NaN for a gap
 *   boolean     float [N, 1], 1 for true and 0 for false; NaN for a gap
 *   date        double [N, 1], days since 1970-01-01; NaN for a gap: its year and day of the year (1..366),
 *               computed as civil_from_days does (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"):
 *                 z = d + 719468, era = floor(z / 146097), e = z - 146097 era                 (day of the era)
 *                 y = floor((e - floor(e / 1460) + floor(e / 36524) - floor(e / 146096)) / 365) (year of the era)
 *                 m = floor((5 (e - 365 y - floor(y / 4) + floor(y / 100)) + 2) / 153)         (0 = March)
 *                 year = 400 era + y + floor(m / 10),  dayOfYear = d - january1(year) + 1, where
 *                 january1(Y) = 146097 floor((Y-1) / 400) + 365 r + floor(r / 4) - floor(r / 100) + 306 - 719468,
 *                 r = (Y - 1) - 400 floor((Y - 1) / 400)
 *   timestamp   double [N, 1], seconds since 1970-01-01T00:00:00Z; NaN for a gap: the date's parts of
 *               d = floor(s / 86400), then the hour (s - 86400 d) / 3600
 *   categorical string [N, 1], the category as text: its slot by ONNX-ML's LabelEncoder (an integer written
 *               with or without ".0" is one category), one-hot by Equal against the slots 0..width-1; a category
 *               not kept: the "other" slot where the column has one, else all zeros; a gap ("", NA, N/A, NaN,
 *               null in any case): the missing slot where the column has one, else NaN (a row predict cannot
 *               score, as a numeric gap without a fill value)
 * </pre>
 *
 * Dates and timestamps are numbers because opset 13 has no operator that takes text apart.
 */
final class ColumnGraph {

    /** The value this part writes: float [N, n_0]. */
    static final String ENCODED = "sparkprop.encoded";
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** The ONNX-ML opset whose LabelEncoder (keys_strings, values_int64s) the graph uses. */
    static final int ML_OPSET = 2;

    /** A categorical gap where the column has no missing slot. */
    private static final long INVALID = -2;
    private static final List<String> MISSING_WORDS = List.of("", "na", "n/a", "nan", "null");
    /** An integer as a category's key writes it (1.0 and 1 are the key 1): then also read as "1.0". */
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double SECONDS_PER_HOUR = 3_600;

    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Map<String, String> constants = new TreeMap<>();
    private boolean usesMl;
    private int counter;

    private ColumnGraph() {
    }

    /** The part for an encoding's columns. */
    static ColumnGraph of(InputEncoding encoding) {
        ColumnGraph graph = new ColumnGraph();
        List<String> parts = new ArrayList<>();
        for (InputColumn column : encoding.columns()) {
            parts.add(graph.column(column));
        }
        graph.node("Concat", "", parts, ENCODED, List.of(intAttribute("axis", 1)));
        return graph;
    }

    /** Whether the part uses an ONNX-ML operator (the model then imports {@link #ML_DOMAIN}). */
    boolean usesMl() {
        return usesMl;
    }

    /** The graph input a column is read from, with its element type. */
    List<ValueInfoProto> inputs() {
        return inputs;
    }

    /**
     * Puts this part before a graph whose network reads {@link #ENCODED}: the column inputs replace that input,
     * the nodes go first (the graph's order is its topological order).
     */
    void attachTo(GraphProto.Builder graph) {
        List<ValueInfoProto> others = graph.getInputList().stream().filter(in -> !in.getName().equals(ENCODED))
                .toList();
        List<NodeProto> network = List.copyOf(graph.getNodeList());
        graph.clearInput().addAllInput(inputs).addAllInput(others);
        graph.clearNode().addAllNode(nodes).addAllNode(network);
        graph.addAllInitializer(initializers);
    }

    private String column(InputColumn column) {
        return switch (column.kind()) {
            case NUMERIC, BOOLEAN -> input(column, TensorProto.DataType.FLOAT);
            case DATE -> cast(concat(dateParts(input(column, TensorProto.DataType.DOUBLE))));
            case TIMESTAMP -> cast(concat(timestampParts(input(column, TensorProto.DataType.DOUBLE))));
            case CATEGORICAL -> oneHot(column, input(column, TensorProto.DataType.STRING));
        };
    }

    private String input(InputColumn column, TensorProto.DataType type) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1)).build();
        inputs.add(ValueInfoProto.newBuilder().setName(column.name()).setDocString(meaning(column)).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build());
        return column.name();
    }

    /** year and day of the year of days since 1970-01-01 (the class comment's formulas). */
    private List<String> dateParts(String days) {
        String z = add(days, 719_468);
        String era = floorDiv(z, 146_097);
        String e = sub(z, mul(era, 146_097));
        String y = floorDiv(add(sub(e, floorDiv(e, 1_460)), sub(floorDiv(e, 36_524), floorDiv(e, 146_096))), 365);
        String dayFromMarch = sub(e, sub(add(mul(y, 365), floorDiv(y, 4)), floorDiv(y, 100)));
        String month = floorDiv(add(mul(dayFromMarch, 5), 2), 153);
        String year = add(add(mul(era, 400), y), floorDiv(month, 10));
        String before = add(year, -1);
        String eraBefore = floorDiv(before, 400);
        String r = sub(before, mul(eraBefore, 400));
        String january1 = add(add(mul(eraBefore, 146_097), sub(add(mul(r, 365), floorDiv(r, 4)), floorDiv(r, 100))),
                306 - 719_468);
        return List.of(year, add(sub(days, january1), 1));
    }

    /** year, day of the year and hour of seconds since 1970-01-01T00:00:00Z. */
    private List<String> timestampParts(String seconds) {
        String days = floorDiv(seconds, SECONDS_PER_DAY);
        List<String> parts = new ArrayList<>(dateParts(days));
        parts.add(div(sub(seconds, mul(days, SECONDS_PER_DAY)), SECONDS_PER_HOUR));
        return parts;
    }

    /** The one-hot slots of a category (see the class comment), float [N, width]. */
    private String oneHot(InputColumn column, String text) {
        Map<String, Long> slots = new LinkedHashMap<>();
        for (int k = 0; k < column.categories().size(); k++) {
            String category = column.categories().get(k);
            slots.put(category, (long) k);
            if (INTEGER.matcher(category).matches()) {
                slots.putIfAbsent(category + ".0", (long) k);
            }
        }
        long missing = column.missingCategory() ? column.missingIndex() : INVALID;
        missingSpellings().forEach(word -> slots.put(word, missing));
        long unseen = column.otherCategory() ? column.otherIndex() : -1;
        usesMl = true;
        String slot = node("LabelEncoder", ML_DOMAIN, List.of(text), fresh("slot"), List.of(
                AttributeProto.newBuilder().setName("keys_strings").setType(AttributeType.STRINGS)
                        .addAllStrings(slots.keySet().stream().map(ByteString::copyFromUtf8).toList()).build(),
                AttributeProto.newBuilder().setName("values_int64s").setType(AttributeType.INTS)
                        .addAllInts(slots.values()).build(),
                intAttribute("default_int64", unseen)));
        long[] indices = new long[column.width()];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = k;
        }
        String hot = node("Cast", "", List.of(node("Equal", "", List.of(slot, longs(indices)), fresh("hot"), List.of())),
                fresh("one_hot"), List.of(intAttribute("to", TensorProto.DataType.FLOAT.getNumber())));
        if (column.missingCategory()) {
            return hot;
        }
        String gap = node("Equal", "", List.of(slot, longs(new long[] {INVALID})), fresh("gap"), List.of());
        return node("Where", "", List.of(gap, floatScalar(Float.NaN), hot), fresh("one_hot_or_nan"), List.of());
    }

    /** "", NA, N/A, NaN, null in every mix of upper and lower case: what {@code Numbers.isMissing} reads as a gap. */
    private static List<String> missingSpellings() {
        List<String> spellings = new ArrayList<>();
        for (String word : MISSING_WORDS) {
            int letters = word.length();
            for (int mask = 0; mask < 1 << letters; mask++) {
                StringBuilder spelling = new StringBuilder();
                for (int i = 0; i < letters; i++) {
                    char c = word.charAt(i);
                    spelling.append((mask >> i & 1) == 1 ? Character.toUpperCase(c) : c);
                }
                String s = spelling.toString();
                if (!spellings.contains(s)) {
                    spellings.add(s);
                }
            }
        }
        return spellings;
    }

    private String concat(List<String> parts) {
        return node("Concat", "", parts, fresh("parts"), List.of(intAttribute("axis", 1)));
    }

    private String cast(String doubles) {
        return node("Cast", "", List.of(doubles), fresh("float"),
                List.of(intAttribute("to", TensorProto.DataType.FLOAT.getNumber())));
    }

    private String add(String x, double c) {
        return node("Add", "", List.of(x, scalar(c)), fresh("add"), List.of());
    }

    private String add(String x, String y) {
        return node("Add", "", List.of(x, y), fresh("add"), List.of());
    }

    private String sub(String x, String y) {
        return node("Sub", "", List.of(x, y), fresh("sub"), List.of());
    }

    private String mul(String x, double c) {
        return node("Mul", "", List.of(x, scalar(c)), fresh("mul"), List.of());
    }

    private String div(String x, double c) {
        return node("Div", "", List.of(x, scalar(c)), fresh("div"), List.of());
    }

    /**
     * floor(x / c) in double: exact for the integers here (|x| &lt; 2^40), since x / c is within half an ulp of
     * the quotient and never rounds up to the next integer.
     */
    private String floorDiv(String x, double c) {
        return node("Floor", "", List.of(div(x, c)), fresh("floor"), List.of());
    }

    private String node(String op, String domain, List<String> in, String out, List<AttributeProto> attributes) {
        nodes.add(NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(out + "_node").addAllInput(in)
                .addOutput(out).addAllAttribute(attributes).build());
        return out;
    }

    private String fresh(String base) {
        return "sparkprop." + base + "_" + counter++;
    }

    /** A double scalar, one initializer per value. */
    private String scalar(double value) {
        return constant("double " + value, TensorProto.DataType.DOUBLE, 8, buffer -> buffer.putDouble(value));
    }

    private String floatScalar(float value) {
        return constant("float " + value, TensorProto.DataType.FLOAT, 4, buffer -> buffer.putFloat(value));
    }

    private String constant(String key, TensorProto.DataType type, int size, Consumer<ByteBuffer> writer) {
        return constants.computeIfAbsent(key, k -> {
            String name = fresh("c");
            initializers.add(TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                    .setRawData(bytes(size, writer)).build());
            return name;
        });
    }

    private String longs(long[] values) {
        String name = fresh("slots");
        initializers.add(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length).setRawData(bytes(8 * values.length, buffer -> {
                    for (long v : values) {
                        buffer.putLong(v);
                    }
                })).build());
        return name;
    }

    private static ByteString bytes(int size, Consumer<ByteBuffer> writer) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        writer.accept(buffer);
        return ByteString.copyFrom(buffer.array());
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    /** A column's meaning, as the model's metadata lists it. */
    static String meaning(InputColumn column) {
        String gap = column.imputed() ? "filled as predict fills it" : "NaN outputs: the model fills none";
        return switch (column.kind()) {
            case NUMERIC -> "a number; NaN for a gap (" + gap + ")";
            case BOOLEAN -> "1 for true, 0 for false; NaN for a gap (" + gap + ")";
            case DATE -> "the date as days since 1970-01-01 (2012-01-01 is 15340); NaN for a gap (" + gap + ")";
            case TIMESTAMP -> "the time as seconds since 1970-01-01T00:00:00Z; NaN for a gap (" + gap + ")";
            case CATEGORICAL -> "the category as text, one of " + column.categories().size() + " kept"
                    + (column.otherCategory() ? " (any other: the other slot)" : " (any other: none of them)")
                    + "; \"\" or NA for a gap (" + gap + ")";
        };
    }

    /** A column's input type, as the model's metadata lists it: float, double or string. */
    static String type(InputColumn column) {
        return switch (column.kind()) {
            case NUMERIC, BOOLEAN -> "float";
            case DATE, TIMESTAMP -> "double";
            case CATEGORICAL -> "string";
        };
    }
}
