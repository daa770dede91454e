package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.ClassLabels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes of a classifier: original label values in output-unit order, and the map from a label's key
 * ({@link ClassLabels#key}) to its class index. Numeric labels are sorted by value (so 2 comes before 10) and
 * written in their shortest form ("1.0" and "1" are the same class); other labels are sorted as strings.
 */
public final class LabelEncoder implements Serializable {

    private final List<String> labels;
    private final Map<String, Integer> index;

    private LabelEncoder(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
    }

    /** The classes found in training data, sorted (numerically when every label is a number). */
    public static LabelEncoder fromObserved(Collection<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        if (sorted.stream().allMatch(ClassLabels::isNumber)) {
            sorted.sort(Comparator.comparing(ClassLabels::value));
        } else {
            sorted.sort(Comparator.naturalOrder());
        }
        return new LabelEncoder(sorted);
    }

    /** The classes of a saved model, in their stored order. */
    public static LabelEncoder ofLabels(List<String> labels) {
        List<String> keys = new ArrayList<>();
        for (String label : labels) {
            keys.add(ClassLabels.key(label));
        }
        return new LabelEncoder(keys);
    }

    /** Whether every label is a number (model.json then stores them as JSON numbers). */
    public boolean numeric() {
        return labels.stream().allMatch(ClassLabels::isNumber);
    }

    /** The class index of a canonical label key, or -1 when it is not one of the classes. */
    public int indexOf(String key) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    /** The labels in class-index order. */
    public List<String> labels() {
        return labels;
    }

    public int size() {
        return labels.size();
    }
}
