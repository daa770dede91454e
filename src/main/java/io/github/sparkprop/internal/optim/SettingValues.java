package io.github.sparkprop.internal.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of {@link Setting}s by key; a setting without a value has its default. Immutable.
 */
public final class SettingValues {

    private final Map<String, Object> values;

    private SettingValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No value set: every setting has its default. */
    public static SettingValues defaults() {
        return new SettingValues(Map.of());
    }

    /**
     * The given values, by key, each of its setting's type (Double, Integer, Long, Boolean, String, int[], a List of
     * Strings).
     * Null values count as not set.
     */
    public static SettingValues of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value instanceof int[] sizes ? sizes.clone()
                        : value instanceof List<?> list ? List.copyOf(list) : value);
            }
        });
        return new SettingValues(copy);
    }

    /** These values with one more set (or replaced). */
    public SettingValues with(Setting setting, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(setting.key(), value);
        return of(copy);
    }

    /** The value of a setting, or its default when none was set. */
    public Object get(Setting setting) {
        Object value = values.get(setting.key());
        return value != null ? value : setting.defaultValue();
    }

    /** Whether a value was set (even one equal to the default). */
    public boolean isSet(Setting setting) {
        return values.containsKey(setting.key());
    }

    public double real(Setting setting) {
        return ((Number) get(setting)).doubleValue();
    }

    public int integer(Setting setting) {
        return ((Number) get(setting)).intValue();
    }

    public long longInteger(Setting setting) {
        return ((Number) get(setting)).longValue();
    }

    public boolean flag(Setting setting) {
        return (Boolean) get(setting);
    }

    public String choice(Setting setting) {
        return (String) get(setting);
    }

    public int[] sizes(Setting setting) {
        return ((int[]) get(setting)).clone();
    }

    /** A text setting's value, or null for none. */
    public String text(Setting setting) {
        return (String) get(setting);
    }

    /** A paths or names setting's values, or null for none. */
    @SuppressWarnings("unchecked")
    public List<String> list(Setting setting) {
        return (List<String>) get(setting);
    }
}
