package io.github.sparkprop.train;

/**
 * One line of the training history: the figures at the weights an iteration started from.
 *
 * @param iteration    1-based
 * @param cost         J(w), L2 included
 * @param gradientNorm ||dJ/dw||
 * @param seconds      wall time of the iteration
 */
public record IterationRecord(int iteration, double cost, double gradientNorm, double seconds) {
}
