package io.github.sparkprop.internal.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * An ONNX operator of the default domain (ai.onnx) at the export's opset, with one output, through Tribuo's
 * public {@link ONNXOperator} interface: the constants are those the export uses that Tribuo's
 * {@code ONNXOperators} does not declare; {@link #named} makes the ones an activation names ({@link GraphNodes}).
 *
 * @param attributes the attributes the operator may be given, by name (none mandatory)
 */
record OnnxOperator(String name, int inputs, int optionalInputs, Map<String, ONNXAttribute> attributes)
        implements ONNXOperator {

    static final OnnxOperator RELU = new OnnxOperator("Relu", 1, 0, Map.of());
    /** The index of the first maximum along {@code axis} (select_last_index 0, the default). */
    static final OnnxOperator ARGMAX = new OnnxOperator("ArgMax", 1, 0,
            declare(Map.of("axis", AttributeType.INT, "keepdims", AttributeType.INT)));
    /** Opset 13: the axes are an int64 input. */
    static final OnnxOperator SQUEEZE = new OnnxOperator("Squeeze", 1, 1, Map.of());
    static final OnnxOperator EQUAL = new OnnxOperator("Equal", 2, 0, Map.of());
    static final OnnxOperator IS_NAN = new OnnxOperator("IsNaN", 1, 0, Map.of());

    /**
     * The operator of the given name and number of inputs, taking the attributes whose values are given: a
     * Float value declares a float attribute, an Integer an int one.
     */
    static OnnxOperator named(String name, int inputs, Map<String, Object> attributeValues) {
        Map<String, AttributeType> types = new LinkedHashMap<>();
        attributeValues.forEach((attribute, value) -> {
            if (!(value instanceof Float || value instanceof Integer)) {
                throw new IllegalArgumentException("attribute " + attribute + " of " + name + ": a "
                        + value.getClass().getSimpleName() + ", not a Float or an Integer");
            }
            types.put(attribute, value instanceof Float ? AttributeType.FLOAT : AttributeType.INT);
        });
        return new OnnxOperator(name, inputs, 0, declare(types));
    }

    private static Map<String, ONNXAttribute> declare(Map<String, AttributeType> types) {
        Map<String, ONNXAttribute> attributes = new LinkedHashMap<>();
        types.forEach((attribute, type) -> attributes.put(attribute, new ONNXAttribute(attribute, type, false)));
        return Map.copyOf(attributes);
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return OnnxExport.OPSET;
    }

    @Override
    public String getOpDomain() {
        return null;
    }
}
