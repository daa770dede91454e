package io.github.sparkprop;

import java.util.Locale;

/** What a model predicts: a class (classification) or a number (regression). */
public enum Task {
    CLASSIFICATION,
    REGRESSION;

    /** The name on the command line and in model.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task with the given {@link #id()}. */
    public static Task fromId(String id) {
        for (Task task : values()) {
            if (task.id().equals(id)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "'; valid: classification, regression");
    }
}
