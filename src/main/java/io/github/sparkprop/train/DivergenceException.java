package io.github.sparkprop.train;

import io.github.sparkprop.SettingException;

/**
 * The cost or the gradient became NaN or infinite: the settings, usually the learning rate, must change.
 * Carries the iteration and the figures; the setting to change is {@code learningRate}.
 */
public final class DivergenceException extends SettingException {

    private final int iteration;
    private final double cost;
    private final double gradientNorm;
    private final boolean checkpointKept;

    /**
     * @param checkpointKept whether the last good checkpoint stays to resume from
     */
    public DivergenceException(int iteration, double cost, double gradientNorm, boolean checkpointKept) {
        this(iteration, cost, gradientNorm, checkpointKept, false);
    }

    private DivergenceException(int iteration, double cost, double gradientNorm, boolean checkpointKept,
            boolean unscaled) {
        super("learningRate", "training diverged at iteration " + iteration + ": the loss is " + cost
                + " and the gradient norm " + gradientNorm + "; try a smaller {learningRate}"
                + (unscaled ? " (or {standardize})" : "")
                + (checkpointKept ? "; the last good checkpoint stays in {checkpointDir}: {resume} continues from it "
                        + "with a smaller {learningRate}" : ""));
        this.iteration = iteration;
        this.cost = cost;
        this.gradientNorm = gradientNorm;
        this.checkpointKept = checkpointKept;
    }

    /** The same divergence, also advising to standardise the features (for a run whose inputs are not). */
    public DivergenceException advisingStandardization() {
        return new DivergenceException(iteration, cost, gradientNorm, checkpointKept, true);
    }

    /** The iteration whose cost or gradient was not finite. */
    public int iteration() {
        return iteration;
    }

    /** Its cost J. */
    public double cost() {
        return cost;
    }

    /** Its gradient norm. */
    public double gradientNorm() {
        return gradientNorm;
    }
}
