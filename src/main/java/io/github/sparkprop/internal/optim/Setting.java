package io.github.sparkprop.internal.optim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

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
 * @param faces       the faces that offer it (as an option, a param); a face may also bind it to a param of its
 *                    framework's own (Spark ML's labelCol) instead
 */
public record Setting(String key, Type type, Object defaultValue, Range range, List<String> choices, String label,
        String description, Role role, Set<Face> faces) implements Serializable {

    private static final Set<Face> ALL_FACES = Set.of(Face.values());

    /**
     * The kinds of value a setting holds: numbers, a flag, one of a list of names, layer sizes, any text (a
     * column's name, a delimiter), paths (each a file, directory or glob; a face lets users give several), names
     * (comma-separated columns).
     */
    public enum Type { REAL, INTEGER, LONG, FLAG, CHOICE, SIZES, TEXT, PATHS, NAMES }

    /** The faces that offer settings of their own. */
    public enum Face {
        /** The command line's options, and job files' keys. */
        COMMAND_LINE,
        /** The Spark ML estimators' params (and so the Python package's). */
        SPARK_ML
    }

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
        faces = Set.copyOf(faces);
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
        return new Setting(key, type, defaultValue, range, choices, label, description, role, faces);
    }

    /** This setting, offered by the given faces only. */
    public Setting only(Face... offeredBy) {
        return new Setting(key, type, defaultValue, range, choices, label, description, role, Set.of(offeredBy));
    }

    /** Whether a face offers it. */
    public boolean offeredBy(Face face) {
        return faces.contains(face);
    }

    /** A real number in a range. */
    public static Setting real(String key, double defaultValue, Range range, String label, String description) {
        return new Setting(key, Type.REAL, defaultValue, range, List.of(), label, description,
                Role.DECISIVE, ALL_FACES);
    }

    /** An integer in a range. */
    public static Setting integer(String key, int defaultValue, Range range, String label, String description) {
        return new Setting(key, Type.INTEGER, defaultValue, range, List.of(), label, description,
                Role.DECISIVE, ALL_FACES);
    }

    /** A 64-bit integer (a seed), any value. */
    public static Setting longInteger(String key, long defaultValue, String label, String description) {
        return new Setting(key, Type.LONG, defaultValue, null, List.of(), label, description,
                Role.DECISIVE, ALL_FACES);
    }

    /** On or off, off by default. */
    public static Setting flag(String key, String description) {
        return flag(key, false, description);
    }

    /** On or off, with the given default. */
    public static Setting flag(String key, boolean defaultValue, String description) {
        return new Setting(key, Type.FLAG, defaultValue, null, List.of(), "true|false", description, Role.DECISIVE,
                ALL_FACES);
    }

    /** One of a list of names. */
    public static Setting choice(String key, String defaultValue, List<String> choices, String description) {
        return new Setting(key, Type.CHOICE, defaultValue, null, choices, String.join("|", choices), description,
                Role.DECISIVE, ALL_FACES);
    }

    /** Any text, e.g. a column's name, or none (null) by default. */
    public static Setting text(String key, String defaultValue, String label, String description) {
        return new Setting(key, Type.TEXT, defaultValue, null, List.of(), label, description, Role.DECISIVE,
                ALL_FACES);
    }

    /** Paths (files, directories, globs), none by default. */
    public static Setting paths(String key, String label, String description) {
        return new Setting(key, Type.PATHS, null, null, List.of(), label, description, Role.DECISIVE, ALL_FACES);
    }

    /** Names (of columns), comma-separated where written, none by default. */
    public static Setting names(String key, String label, String description) {
        return new Setting(key, Type.NAMES, null, null, List.of(), label, description, Role.DECISIVE, ALL_FACES);
    }

    /** A list of sizes, each at least 1, empty by default. */
    public static Setting sizes(String key, String label, String description) {
        return new Setting(key, Type.SIZES, new int[0], null, List.of(), label, description, Role.DECISIVE, ALL_FACES);
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
            case LONG, FLAG, TEXT, PATHS, NAMES -> null;
            case CHOICE -> choices.contains(value) ? null : "must be one of " + String.join(", ", choices);
            case SIZES -> Arrays.stream((int[]) value).allMatch(size -> size >= 1) ? null
                    : "must be sizes >= 1";
        };
    }

    /**
     * The value a user wrote, of this setting's type (lists comma-separated); not checked ({@link #problem}).
     *
     * @throws NumberFormatException for a number that is none
     */
    public Object parse(String text) {
        return switch (type) {
            case REAL -> Double.parseDouble(text);
            case INTEGER -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case FLAG -> Boolean.parseBoolean(text);
            case CHOICE, TEXT -> text;
            case SIZES -> Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
            case PATHS, NAMES -> List.of(text.split(","));
        };
    }

    /** The value written as a user writes it: {@code 0.1}, {@code 1e-8}, {@code 0}, {@code 128,64}, {@code adam}. */
    public static String format(Object value) {
        if (value instanceof int[] sizes) {
            return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Double x && Double.isFinite(x)) {
            return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toString().replace("E", "e").replace("e+", "e");
        }
        return String.valueOf(value);
    }

    /** A group of settings under a heading, for help texts and the options reference. */
    public record Section(String heading, List<Setting> settings) implements Serializable {
        public Section {
            settings = List.copyOf(settings);
        }
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
