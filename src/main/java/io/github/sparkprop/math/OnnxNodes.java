package io.github.sparkprop.math;

/**
 * Where an {@link Activation} adds the ONNX nodes that compute it (operators of the default domain, ai.onnx, at
 * the export's opset 13), without {@code math} knowing an ONNX library: the export implements it over its
 * graph builder.
 *
 * @param <T> a value of the graph: a tensor that nodes read and produce
 */
public interface OnnxNodes<T> {

    /**
     * The output of a one-input operator, e.g. {@code unary("Relu", z)} or {@code unary("LeakyRelu", z, "alpha",
     * 0.01f)}.
     *
     * @param op         the operator's name in the ONNX specification
     * @param x          the operator's input
     * @param attributes its attributes as name, value, name, value, ...: a Float for a float attribute, an
     *                   Integer for an int one
     * @return the operator's output, a new value of the graph
     */
    T unary(String op, T x, Object... attributes);

    /**
     * The output of a two-input operator, e.g. {@code binary("Mul", x, y)}, broadcasting as ONNX does.
     *
     * @param op the operator's name in the ONNX specification
     * @param x  the operator's first input (A)
     * @param y  the operator's second input (B)
     * @return the operator's output, a new value of the graph
     */
    T binary(String op, T x, T y);

    /**
     * A float scalar, named in the graph after {@code name}.
     *
     * @param name  the base of the constant's name in the graph (the graph builder may suffix it to keep names
     *              unique), e.g. {@code "half"}
     * @param value the scalar's value
     * @return the constant, a value of the graph that nodes can read
     */
    T constant(String name, float value);
}
