package io.github.sparkprop.internal.optim;

import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter, Decoupled Weight Decay Regularization, ICLR 2019): Adam whose weight decay
 * acts on the weights directly instead of entering the gradient, so that it is not rescaled by Adam's
 * moments. With alpha_t the scheduled learning rate and lambda the weight decay:
 *
 * <pre>
 *   w &lt;- w - alpha_t (m_hat / (sqrt(v_hat) + epsilon) + lambda w)
 * </pre>
 *
 * with m_hat and v_hat as in {@link Adam}. Every parameter decays, biases included (as PyTorch's AdamW
 * does); the gradient g is that of the cost J, so an L2 penalty, if also set, still enters g.
 */
public final class AdamW extends FirstOrderOptimizer {

    /** lambda, the decoupled weight decay. */
    public static final Setting WEIGHT_DECAY = Setting.real("weightDecay", 0.01, Setting.Range.atLeast(0), "W",
            "Decoupled weight decay lambda of adamw: every step also takes alpha_t lambda w off the weights.");

    private final Adam adam;
    private final double weightDecay;

    /** @param adam the Adam step, on the same schedule */
    AdamW(Schedule schedule, Adam adam, double weightDecay) {
        super(schedule);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
        }
        this.adam = adam;
        this.weightDecay = weightDecay;
    }

    /** The decay, then Adam's step: both computed from the weights the iteration started from. */
    @Override
    protected void update(double[] w, double[] g, double alpha) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= alpha * weightDecay * w[i];
        }
        adam.update(w, g, alpha);
    }

    @Override
    public Map<String, double[]> state() {
        return adam.state();
    }

    @Override
    public void restore(Map<String, double[]> state) {
        adam.restore(state);
    }
}
