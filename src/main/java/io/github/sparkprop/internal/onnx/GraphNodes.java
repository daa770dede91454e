package io.github.sparkprop.internal.onnx;

import io.github.sparkprop.math.OnnxNodes;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

/**
 * An activation's nodes ({@link OnnxNodes}) added to a graph through Tribuo's builder: each operator an
 * activation names is an {@link OnnxOperator#named} one, its output named after its input and the operator
 * (z1_Tanh), as Tribuo names them.
 */
final class GraphNodes implements OnnxNodes<ONNXRef<?>> {

    private final ONNXContext context;

    GraphNodes(ONNXContext context) {
        this.context = context;
    }

    @Override
    public ONNXRef<?> unary(String op, ONNXRef<?> x, Object... attributes) {
        Map<String, Object> values = OnnxExport.attributes(attributes);
        return x.apply(OnnxOperator.named(op, 1, values), values);
    }

    @Override
    public ONNXRef<?> binary(String op, ONNXRef<?> x, ONNXRef<?> y) {
        return x.apply(OnnxOperator.named(op, 2, OnnxExport.attributes()), y);
    }

    @Override
    public ONNXRef<?> constant(String name, float value) {
        return context.constant(name, value);
    }
}
