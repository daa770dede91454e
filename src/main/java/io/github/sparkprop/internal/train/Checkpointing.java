package io.github.sparkprop.internal.train;

/** Writes a checkpoint every N iterations, after the last one and when the run stops early. */
final class Checkpointing implements TrainingListener {

    private final CheckpointStore store;
    private final int every;
    private final int iterations;

    Checkpointing(CheckpointStore store, int every, int iterations) {
        this.store = store;
        this.every = every;
        this.iterations = iterations;
    }

    @Override
    public void onIterationEnd(IterationEnd end) {
        int t = end.iteration();
        if (t % every == 0 || t == iterations || end.stopReason() != null) {
            store.save(end.state().get());
        }
    }
}
