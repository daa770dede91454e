package io.github.sparkprop.internal.train;

import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.internal.Interruption;
import io.github.sparkprop.internal.optim.Evaluation;
import io.github.sparkprop.internal.optim.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver loop of synchronous data-parallel training: every iteration the optimizer evaluates J and
 * dJ/dw (one distributed pass each) and updates the weights; all executors always see the same weights.
 * Everything around it is a {@link TrainingListener}: divergence, the stopping rules (the optimizer's own
 * convergence, the tolerance, early stopping), the schedule's feedback, progress lines and checkpoints, in that
 * order, then the listeners added.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /**
     * How long to train and what to do around each iteration.
     *
     * @param iterations      the number of iterations T
     * @param tolerance       stop when |J_t - J_{t-1}| &lt;= tolerance |J_{t-1}| (0: never)
     * @param patience        early-stopping patience in validation evaluations (0: off)
     * @param checkpointEvery a checkpoint every this many iterations (when a store is given)
     * @param logEvery        a progress line every this many iterations (0: about 25 per run)
     */
    public record Settings(int iterations, double tolerance, int patience, int checkpointEvery, int logEvery) {
        public Settings {
            if (iterations < 1 || !(tolerance >= 0) || patience < 0 || checkpointEvery < 1 || logEvery < 0) {
                throw new IllegalArgumentException("invalid training settings " + iterations + ", " + tolerance + ", "
                        + patience + ", " + checkpointEvery + ", " + logEvery);
            }
        }

        /** T iterations, nothing else. */
        public static Settings iterations(int iterations) {
            return new Settings(iterations, 0, 0, 1, 0);
        }
    }

    private final DistributedObjective objective;
    private final Optimizer optimizer;
    private final int iterations;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final CheckpointStore checkpoints;

    /** @param checkpoints where to write checkpoints, or null for none */
    public Trainer(DistributedObjective objective, Optimizer optimizer, Settings settings, CheckpointStore checkpoints) {
        this.objective = objective;
        this.checkpoints = checkpoints;
        this.optimizer = optimizer;
        this.iterations = settings.iterations();
        listeners.add(new Divergence(checkpoints));
        listeners.add(new OptimizerConvergence());
        if (settings.tolerance() > 0) {
            listeners.add(new Tolerance(settings.tolerance()));
        }
        if (settings.patience() > 0) {
            listeners.add(new EarlyStopping(settings.patience()));
        }
        if (optimizer.schedule() != null) {
            listeners.add(new ScheduleFeedback(optimizer.schedule()));
        }
        listeners.add(new ProgressLog(iterations, settings.logEvery(), objective.validationEvery()));
        if (checkpoints != null) {
            listeners.add(new Checkpointing(checkpoints, settings.checkpointEvery(), iterations));
        }
    }

    /** Adds a listener, told after the loop's own (and so after each iteration's checkpoint). */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Trains from {@code initial} (not modified). */
    public TrainingRun run(double[] initial) {
        return run(TrainingState.start(initial));
    }

    /**
     * Trains from a state: the start, or a checkpoint to resume.
     *
     * @throws DivergenceException when the cost or the gradient stops being finite (no checkpoint is
     *                             written for that iteration; the last good one stays)
     */
    public TrainingRun run(TrainingState from) {
        listeners.forEach(listener -> listener.onStart(from));
        if (from.stopReason() != null) {
            LOG.info("the checkpointed run had already stopped: {}", from.stopReason());
            return new TrainingRun(finalWeights(from.weights()), from.history(), from.stopReason(), true);
        }
        double[] w = from.weights().clone();
        optimizer.restore(from.optimizer());
        List<IterationRecord> history = new ArrayList<>(from.history());
        String stopReason = null;
        for (int t = from.iteration() + 1; t <= iterations && stopReason == null; t++) {
            IterationEnd end = interruptible(t, w);
            history.add(end.record());
            String reason = stopReason(end);
            stopReason = reason == null ? null : reason + " (iteration " + t + ")";
            int iteration = t;
            String decided = stopReason;
            IterationEnd over = end.decided(decided, () -> new TrainingState(iteration, w, optimizer.state(),
                    List.copyOf(history), listenerStates(), decided));
            listeners.forEach(listener -> listener.onIterationEnd(over));
        }
        String ending = stopReason != null ? stopReason : "completed " + iterations + " iterations";
        LOG.info("training ended: {}", ending);
        return new TrainingRun(finalWeights(w), List.copyOf(history), ending, stopReason != null);
    }

    /** Iteration t, unless a signal came (before it, or cancelling its Spark jobs). */
    private IterationEnd interruptible(int t, double[] w) {
        try {
            if (Interruption.raised()) {
                throw new IllegalStateException("interrupted");
            }
            return iterate(t, w);
        } catch (Exception e) { // Spark's SparkException of a cancelled job too, which Scala throws undeclared
            if (Interruption.raised()) {
                throw new InterruptedRunException(t, checkpoints == null ? -1 : checkpoints.newest(), e);
            }
            throw e;
        }
    }

    /** Iteration t: the optimizer's step from w (updated in place), its evaluation and validation figures. */
    private IterationEnd iterate(int t, double[] w) {
        long start = System.nanoTime();
        double[] startWeights = w.clone();
        objective.startIteration(t, startWeights);
        Optimizer.Step step = optimizer.iterate(objective, w, t);
        Evaluation evaluation = step.start();
        listeners.forEach(listener -> listener.onEvaluation(t, evaluation));
        Metrics validation = !evaluation.isEmpty() && objective.validationDue(t) ? objective.validation(startWeights)
                : null;
        IterationRecord record = evaluation.isEmpty()
                ? IterationRecord.of(t, Double.NaN, Double.NaN, 0, 0, seconds(start), null)
                : IterationRecord.of(t, evaluation.cost(), evaluation.dataLoss(), evaluation.gradientNorm(),
                        evaluation.samples(), seconds(start), validation);
        return new IterationEnd(record, startWeights, validation, step.converged(), null, null);
    }

    /** The first listener's reason to stop, every listener having heard the iteration. */
    private String stopReason(IterationEnd end) {
        String reason = null;
        for (TrainingListener listener : listeners) {
            String said = listener.stopReason(end);
            reason = reason != null ? reason : said;
        }
        return reason;
    }

    /** The weights a listener keeps (early stopping's best), or the last ones. */
    private double[] finalWeights(double[] last) {
        return listeners.stream().map(TrainingListener::bestWeights).filter(Objects::nonNull).findFirst()
                .orElse(last);
    }

    private Map<String, double[]> listenerStates() {
        Map<String, double[]> states = new HashMap<>();
        listeners.forEach(listener -> states.putAll(listener.state()));
        return states;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
