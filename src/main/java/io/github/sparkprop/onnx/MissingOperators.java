package io.github.sparkprop.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators (opset 13, domain ai.onnx) the export uses that Tribuo's {@code ONNXOperators} does not
 * declare, through its public {@link ONNXOperator} interface.
 */
enum MissingOperators implements ONNXOperator {
    TANH("Tanh", 1, 0),
    RELU("Relu", 1, 0),
    LEAKY_RELU("LeakyRelu", 1, 0, attribute("alpha", AttributeType.FLOAT)),
    /** The index of the first maximum along {@code axis} (select_last_index 0, the default). */
    ARGMAX("ArgMax", 1, 0, attribute("axis", AttributeType.INT), attribute("keepdims", AttributeType.INT)),
    /** Opset 13: the axes are an int64 input. */
    SQUEEZE("Squeeze", 1, 1),
    EQUAL("Equal", 2, 0),
    IS_NAN("IsNaN", 1, 0);

    private final String name;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes = new LinkedHashMap<>();

    MissingOperators(String name, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this.name = name;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        for (ONNXAttribute attribute : attributes) {
            this.attributes.put(attribute.getName(), attribute);
        }
    }

    private static ONNXAttribute attribute(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
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
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
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
