package io.github.sparkprop;

import java.util.Locale;

/** What a model predicts: a class (classification) or a number (regression). */
public enum Task {
    /** Labels are classes: the model predicts one of them. */
    CLASSIFICATION,
    /** Labels are numbers: the model predicts a number. */
    REGRESSION;

    /**
     * The name on the command line and in model.json.
     *
     * @return {@code classification} or {@code regression}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The task with the given {@link #id()}.
     *
     * @param id {@code classification} or {@code regression}, lower case
     * @return the task of that id
     * @throws IllegalArgumentException for any other id
     */
    public static Task fromId(String id) {
        for (Task task : values()) {
            if (task.id().equals(id)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "'; valid: classification, regression");
    }
}
