package io.github.sparkprop.optim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A setting of a training run, declared once in the core: its key, its type, its default, the values it
 * may take and what it means. The faces derive from it their own names (the command line's
 * {@code --learning-rate}, the Spark ML param {@code stepSize}), their help, their validation and their
 * defaults; model.json and checkpoints record settings under their keys.
 *
 * @param key         the name in job files' camelCase, e.g. {@code learningRate}
 * @param type        what kind of value it holds
 * @param defaultValue the default: a Double, Integer, Long, Boolean, String or int[] by type; null for none
 * @param range       the numbers allowed (numeric types), or null
 * @param choices     the values allowed (CHOICE), or an empty list
 * @param label       a short placeholder for the value in help texts, e.g. {@code A}
 * @param description what it does, for help texts (no default: faces add it)
 * @param role        what its value means for the trained model, so for provenance and for a resumed run
 */
public record Setting(String key, Type type, Object defaultValue, Range range, List<String> choices, String label,
        String description, Role role) implements Serializable {

    /** The kinds of value a setting holds. */
    public enum Type { REAL, INTEGER, LONG, FLAG, CHOICE, SIZES }

    /**
     * What a setting's value means for the model a run trains. Every value is recorded in the model's
     * provenance; the role says which ones name the run (its checkpoints' identity) and what a resumed run may
     * change.
     */
    public enum Role {
        /** Decides the trained weights: a run resumed from a checkpoint must have the same value. */
        DECISIVE,
        /**
         * Decides the weights, but a resumed run may change it (a smaller learning rate after a divergence, more
         * iterations); the change is logged.
         */
        ADJUSTABLE,
        /** Changes only speed, rounding or what is logged: recorded, never compared. */
        RUNTIME
    }

    public Setting {
        choices = List.copyOf(choices);
        java.util.Objects.requireNonNull(role, "role");
    }

    /** This setting, which a resumed run may change ({@link Role#ADJUSTABLE}). */
    public Setting adjustable() {
        return withRole(Role.ADJUSTABLE);
    }

    /** This setting, which changes only speed, rounding or the log ({@link Role#RUNTIME}). */
    public Setting runtime() {
        return withRole(Role.RUNTIME);
    }

    private Setting withRole(Role role) {
        return new Setting(key, type, defaultValue, range, choices, label, description, role);
    }

    /** A real number in a range. */
    public static Setting real(String key, double defaultValue, Range range, String label, String description) {
        return new Setting(key, Type.REAL, defaultValue, range, List.of(), label, description, Role.DECISIVE);
    }

    /** An integer in a range. */
    public static Setting integer(String key, int defaultValue, Range range, String label, String description) {
        return new Setting(key, Type.INTEGER, defaultValue, range, List.of(), label, description, Role.DECISIVE);
    }

    /** A 64-bit integer (a seed), any value. */
    public static Setting longInteger(String key, long defaultValue, String label, String description) {
        return new Setting(key, Type.LONG, defaultValue, null, List.of(), label, description, Role.DECISIVE);
    }

    /** On or off, off by default. */
    public static Setting flag(String key, String description) {
        return flag(key, false, description);
    }

    /** On or off, with the given default. */
    public static Setting flag(String key, boolean defaultValue, String description) {
        return new Setting(key, Type.FLAG, defaultValue, null, List.of(), "true|false", description, Role.DECISIVE);
    }

    /** One of a list of names. */
    public static Setting choice(String key, String defaultValue, List<String> choices, String description) {
        return new Setting(key, Type.CHOICE, defaultValue, null, choices, String.join("|", choices), description, Role.DECISIVE);
    }

    /** A list of sizes, each at least 1, empty by default. */
    public static Setting sizes(String key, String label, String description) {
        return new Setting(key, Type.SIZES, new int[0], null, List.of(), label, description, Role.DECISIVE);
    }

    /**
     * Why a value is not allowed, e.g. "must be in (0, 1]", or null when it is. The value must be of the
     * setting's type (see {@link SettingValues}).
     */
    public String problem(Object value) {
        return switch (type) {
            case REAL -> {
                double x = (Double) value;
                yield Double.isFinite(x) && range.contains(x) ? null : "must be a finite number " + range;
            }
            case INTEGER -> range.contains((Integer) value) ? null : "must be an integer " + range;
            case LONG, FLAG -> null;
            case CHOICE -> choices.contains(value) ? null : "must be one of " + String.join(", ", choices);
            case SIZES -> Arrays.stream((int[]) value).allMatch(size -> size >= 1) ? null
                    : "must be sizes >= 1";
        };
    }

    /** The value written as a user writes it: {@code 0.1}, {@code 1e-8}, {@code 0}, {@code 128,64}, {@code adam}. */
    public static String format(Object value) {
        if (value instanceof int[] sizes) {
            return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
        }
        if (value instanceof Double x && Double.isFinite(x)) {
            return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toString().replace("E", "e").replace("e+", "e");
        }
        return String.valueOf(value);
    }

    /**
     * The numbers a numeric setting allows: between min and max, each end open or closed (an infinite end is
     * no bound).
     */
    public record Range(double min, boolean minClosed, double max, boolean maxClosed) implements Serializable {

        /** x &gt; min. */
        public static Range above(double min) {
            return new Range(min, false, Double.POSITIVE_INFINITY, false);
        }

        /** x &gt;= min. */
        public static Range atLeast(double min) {
            return new Range(min, true, Double.POSITIVE_INFINITY, false);
        }

        /** min &lt;= x &lt;= max. */
        public static Range between(double min, double max) {
            return new Range(min, true, max, true);
        }

        public boolean contains(double x) {
            return (minClosed ? x >= min : x > min) && (maxClosed ? x <= max : x < max);
        }

        /** "&gt; 0", "&gt;= 1", "in (0, 1]". */
        @Override
        public String toString() {
            if (max == Double.POSITIVE_INFINITY) {
                return (minClosed ? ">= " : "> ") + number(min);
            }
            return "in " + (minClosed ? "[" : "(") + number(min) + ", " + number(max) + (maxClosed ? "]" : ")");
        }

        private static String number(double x) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
        }
    }
}
