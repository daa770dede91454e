package io.github.sparkprop.internal.train;

import io.github.sparkprop.internal.optim.Schedule;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells the optimizer's learning-rate schedule each validation loss (a schedule may react: plateau), and keeps
 * what it has heard in checkpoints.
 */
final class ScheduleFeedback implements TrainingListener {

    private static final String PREFIX = "schedule.";

    private final Schedule schedule;

    ScheduleFeedback(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onStart(TrainingState from) {
        Map<String, double[]> state = new HashMap<>();
        from.listeners().forEach((name, values) -> {
            if (name.startsWith(PREFIX)) {
                state.put(name.substring(PREFIX.length()), values);
            }
        });
        if (!state.isEmpty()) {
            schedule.restore(state);
        }
    }

    @Override
    public void onIterationEnd(IterationEnd end) {
        if (end.validation() != null) {
            schedule.validated(end.validation().loss());
        }
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> state = new HashMap<>();
        schedule.state().forEach((name, values) -> state.put(PREFIX + name, values));
        return state;
    }
}
