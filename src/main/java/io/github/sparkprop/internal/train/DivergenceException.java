package io.github.sparkprop.internal.train;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.optim.Setting;

/**
 * The cost or the gradient became NaN or infinite: the settings, usually the learning rate, must change.
 * Carries the iteration and the figures, and the setting to change first: {@code learningRate}, or {@code l2} for
 * an optimizer without one.
 */
public final class DivergenceException extends SettingException {

    private final int iteration;
    private final double cost;
    private final double gradientNorm;
    private final boolean checkpointKept;
    private final boolean atStart;

    /**
     * @param checkpointKept whether the last good checkpoint stays to resume from
     */
    public DivergenceException(int iteration, double cost, double gradientNorm, boolean checkpointKept) {
        this(iteration, cost, gradientNorm, checkpointKept, "learningRate", "a smaller {learningRate}");
    }

    /**
     * The cost or the gradient is not finite at the weights the run starts from, before any step: no learning rate
     * is the cause, but the weights of the rows (class weights, a weight column) or the size of the inputs.
     */
    static DivergenceException atStart(int iteration, double cost, double gradientNorm) {
        return new DivergenceException(iteration, cost, gradientNorm);
    }

    private DivergenceException(int iteration, double cost, double gradientNorm) {
        super("classWeights", "the loss at the weights the run starts from is not finite (iteration " + iteration
                + ": loss " + cost + ", gradient norm " + gradientNorm + "): no step was taken yet, so no learning "
                + "rate is the cause; check the weights of the rows ({classWeights}, {weight}) and the size of the "
                + "input values ({standardize})");
        this.iteration = iteration;
        this.cost = cost;
        this.gradientNorm = gradientNorm;
        this.checkpointKept = false;
        this.atStart = true;
    }

    /** @param advice what to try, after "try " */
    private DivergenceException(int iteration, double cost, double gradientNorm, boolean checkpointKept,
            String setting, String advice) {
        super(setting, "training diverged at iteration " + iteration + ": the loss is " + cost
                + " and the gradient norm " + gradientNorm + "; try " + advice
                + (checkpointKept ? "; the last good checkpoint stays in {checkpointDir}" + (TrainingSpec
                        .keys(Setting.Role.ADJUSTABLE).contains(setting) ? ": {resume} continues from it with another {"
                                + setting + "}" : " (a resume may change only " + adjustable()
                                + ": give another {checkpointDir} for a new run)") : ""));
        this.iteration = iteration;
        this.cost = cost;
        this.gradientNorm = gradientNorm;
        this.checkpointKept = checkpointKept;
        this.atStart = false;
    }

    /** The settings a resume may change, as "{a} and {b}". */
    private static String adjustable() {
        return TrainingSpec.keys(Setting.Role.ADJUSTABLE).stream().sorted().map(key -> "{" + key + "}")
                .collect(java.util.stream.Collectors.joining(" and "));
    }

    /** The same divergence, also advising to standardise the features (for a run whose inputs are not). */
    public DivergenceException advisingStandardization() {
        return atStart ? this : new DivergenceException(iteration, cost, gradientNorm, checkpointKept, "learningRate",
                "a smaller {learningRate} (or {standardize})");
    }

    /**
     * The same divergence of an optimizer that finds its own steps (L-BFGS): a penalty bounds the weights, and
     * unscaled inputs are the usual cause.
     */
    public DivergenceException advisingPenalty() {
        return atStart ? this : new DivergenceException(iteration, cost, gradientNorm, checkpointKept, "l2",
                "an L2 penalty ({l2} 0.01) or {standardize}");
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
