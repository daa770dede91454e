package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The candidates of a search: every combination of the values a grid gives its settings, written
 * {@code hidden=32,64;learning-rate=0.01,0.1} (settings by their option name or key, separated by {@code ;}; values
 * by {@code ,}; a value that holds commas of its own, as a network of two hidden layers, in brackets:
 * {@code hidden=[64,32],[128]}). Each value is read and checked as the setting's own option reads it.
 *
 * @param axes each setting with its values, in the grid's order
 */
public record Grid(Map<Setting, List<Object>> axes) {

    /** The most candidates a grid may make. */
    public static final int MAX_CANDIDATES = 1_000;

    public Grid {
        axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    }

    /**
     * The grid a text writes.
     *
     * @param settings the settings a grid may vary
     * @throws InputException naming the part of the text that is not a setting or not one of its values
     */
    public static Grid parse(String text, List<Setting> settings) {
        Map<Setting, List<Object>> axes = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new InputException("{grid} part '" + part.trim() + "' is not name=value,value,...: e.g. "
                        + "hidden=32,64;learning-rate=0.01,0.1");
            }
            String name = part.substring(0, equals).trim();
            Setting setting = setting(name, settings);
            if (axes.containsKey(setting)) {
                throw new InputException("{grid} gives " + name + " twice");
            }
            List<Object> values = new ArrayList<>();
            for (String value : values(part.substring(equals + 1))) {
                values.add(value(setting, name, value));
            }
            if (values.isEmpty()) {
                throw new InputException("{grid} gives " + name + " no value");
            }
            axes.put(setting, values);
        }
        if (axes.isEmpty()) {
            throw new InputException("{grid} gives no setting: e.g. hidden=32,64;learning-rate=0.01,0.1");
        }
        Grid grid = new Grid(axes);
        if (grid.size() > MAX_CANDIDATES) {
            throw new InputException("{grid} makes " + grid.size() + " candidates; at most " + MAX_CANDIDATES);
        }
        return grid;
    }

    private static Setting setting(String name, List<Setting> settings) {
        String key = kebab(name);
        for (Setting setting : settings) {
            if (kebab(setting.key()).equals(key)) {
                return setting;
            }
        }
        List<String> names = settings.stream().map(setting -> kebab(setting.key())).toList();
        throw new InputException("{grid} names '" + name + "', which is not a setting of a run"
                + DidYouMean.hint(name, names) + "; e.g. hidden, learning-rate, optimizer, l2, activation");
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceFirst("^--", "");
    }

    /** The values of a list: split at the commas outside brackets, the brackets removed. */
    private static List<String> values(String list) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int depth = 0;
        for (char c : list.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                values.add(value.toString().trim());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        values.add(value.toString().trim());
        values.removeIf(String::isEmpty);
        return values;
    }

    private static Object value(Setting setting, String name, String text) {
        Object value;
        try {
            value = setting.parse(text);
        } catch (RuntimeException e) {
            throw new InputException("{grid} value '" + text + "' of " + name + " is not "
                    + (setting.type() == Setting.Type.SIZES ? "a list of sizes (e.g. [64,32])" : "a number"));
        }
        String problem = setting.problem(value);
        if (problem != null) {
            throw new InputException("{grid} value '" + text + "' of " + name + ": " + problem);
        }
        return value;
    }

    /** The number of candidates: the product of the numbers of values. */
    public int size() {
        long size = 1;
        for (List<Object> values : axes.values()) {
            size = Math.min(size * values.size(), Integer.MAX_VALUE);
        }
        return (int) size;
    }

    /** Every combination, the last setting's values varying fastest, each as the values it sets. */
    public List<Map<Setting, Object>> candidates() {
        List<Map<Setting, Object>> candidates = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (Map.Entry<Setting, List<Object>> axis : axes.entrySet()) {
            List<Map<Setting, Object>> next = new ArrayList<>();
            for (Map<Setting, Object> partial : candidates) {
                for (Object value : axis.getValue()) {
                    Map<Setting, Object> candidate = new LinkedHashMap<>(partial);
                    candidate.put(axis.getKey(), value);
                    next.add(candidate);
                }
            }
            candidates = next;
        }
        return candidates;
    }

    /** A candidate's values over the base values. */
    public static SettingValues apply(SettingValues base, Map<Setting, Object> candidate) {
        SettingValues values = base;
        for (Map.Entry<Setting, Object> entry : candidate.entrySet()) {
            values = values.with(entry.getKey(), entry.getValue());
        }
        return values;
    }

    /** A candidate as the grid writes it: {@code hidden=32 learning-rate=0.01}. */
    public static String describe(Map<Setting, Object> candidate) {
        List<String> parts = new ArrayList<>();
        candidate.forEach((setting, value) -> parts.add(kebab(setting.key()) + "=" + Setting.format(value)));
        return String.join(" ", parts);
    }
}
