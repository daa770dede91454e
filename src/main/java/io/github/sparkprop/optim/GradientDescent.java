package io.github.sparkprop.optim;

/** Plain gradient descent: w &lt;- w - alpha dJ/dw. */
public final class GradientDescent implements Optimizer {

    private final double learningRate;

    /** @param learningRate alpha, finite and positive */
    public GradientDescent(double learningRate) {
        if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public void step(double[] w, double[] gradient, int iteration) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * gradient[i];
        }
    }
}
