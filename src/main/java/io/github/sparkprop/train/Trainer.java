package io.github.sparkprop.train;

import io.github.sparkprop.evaluate.Metrics;
import io.github.sparkprop.optim.Evaluation;
import io.github.sparkprop.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver loop of synchronous data-parallel training: every iteration the optimizer evaluates J and
 * dJ/dw (one distributed pass each) and updates the weights; all executors always see the same weights.
 * Around it: validation figures every few iterations, early stopping, a tolerance on the relative change
 * of the loss, checkpoints, divergence detection and progress lines.
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

    /** Called after every completed iteration (and its checkpoint). */
    @FunctionalInterface
    public interface IterationListener {
        void afterIteration(IterationRecord record);
    }

    private final DistributedObjective objective;
    private final Optimizer optimizer;
    private final Settings settings;
    private final CheckpointStore checkpoints;
    private final List<IterationListener> listeners = new ArrayList<>();

    /** @param checkpoints where to write checkpoints, or null for none */
    public Trainer(DistributedObjective objective, Optimizer optimizer, Settings settings, CheckpointStore checkpoints) {
        this.objective = objective;
        this.optimizer = optimizer;
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    public Trainer addListener(IterationListener listener) {
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
        int total = settings.iterations();
        if (from.stopReason() != null) {
            LOG.info("the checkpointed run had already stopped: {}", from.stopReason());
            return new TrainingRun(from.bestWeights() != null && settings.patience() > 0 ? from.bestWeights()
                    : from.weights(), from.history(), from.stopReason(), true);
        }
        double[] w = from.weights().clone();
        optimizer.restore(from.optimizer());
        List<IterationRecord> history = new ArrayList<>(from.history());
        EarlyStopping early = new EarlyStopping(settings.patience());
        early.restore(from.earlyStopping(), from.bestWeights());
        double previousCost = from.previousCost();
        ProgressLog progress = new ProgressLog(total, settings.logEvery(), objective.validationEvery());
        String stopReason = "completed " + total + " iterations";
        boolean converged = false;

        for (int t = from.iteration() + 1; t <= total; t++) {
            long start = System.nanoTime();
            double[] startWeights = w.clone();
            objective.startIteration(t, startWeights);
            Optimizer.Step step = optimizer.iterate(objective, w, t);
            Evaluation evaluation = step.start();
            if (evaluation.isEmpty()) {
                progress.emptyBatch(t);
                IterationRecord record = IterationRecord.of(t, Double.NaN, Double.NaN, 0, 0, seconds(start), null);
                history.add(record);
                finish(t, w, history, early, previousCost, record, null);
                continue;
            }
            double gradientNorm = evaluation.gradientNorm();
            if (!Double.isFinite(evaluation.cost()) || !Double.isFinite(gradientNorm)) {
                if (checkpoints != null) {
                    checkpoints.discard(t - 1); // its weights are the ones that diverge
                }
                throw new DivergenceException(t, evaluation.cost(), gradientNorm, checkpoints != null);
            }
            Metrics validation = objective.validationDue(t) ? objective.validation(startWeights) : null;
            IterationRecord record = IterationRecord.of(t, evaluation.cost(), evaluation.dataLoss(), gradientNorm,
                    evaluation.samples(), seconds(start), validation);
            history.add(record);
            progress.record(record);

            String reason = null;
            if (validation != null && early.record(t, validation.loss(), startWeights)) {
                reason = "early stopping: no better validation loss in " + settings.patience()
                        + " evaluations; keeping the weights of iteration " + early.bestIteration();
            }
            if (settings.tolerance() > 0 && Math.abs(evaluation.cost() - previousCost)
                    <= settings.tolerance() * Math.abs(previousCost)) {
                reason = "converged: the loss changed by less than the tolerance " + settings.tolerance();
            }
            if (step.converged()) {
                reason = "converged: the line search found no further decrease of the loss";
            }
            previousCost = evaluation.cost();
            if (reason != null) {
                stopReason = reason + " (iteration " + t + ")";
                converged = true;
            }
            finish(t, w, history, early, previousCost, record, reason == null ? null : stopReason);
            if (reason != null) {
                break;
            }
        }
        LOG.info("training ended: {}", stopReason);
        double[] best = early.bestWeights();
        return new TrainingRun(best != null ? best : w, List.copyOf(history), stopReason, converged);
    }

    /** Checkpoints (every N iterations, at the end and when stopping early) and tells the listeners. */
    private void finish(int t, double[] w, List<IterationRecord> history, EarlyStopping early, double previousCost,
            IterationRecord record, String stopReason) {
        if (checkpoints != null && (t % settings.checkpointEvery() == 0 || t == settings.iterations()
                || stopReason != null)) {
            checkpoints.save(new TrainingState(t, w, optimizer.state(), history, early.scalars(), early.weights(),
                    previousCost, stopReason));
        }
        for (IterationListener listener : listeners) {
            listener.afterIteration(record);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
