package io.github.sparkprop.internal.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Seconds per iteration over repeated measurements: the median and the spread (min to max). */
final class Timing {

    private final List<Double> seconds = new ArrayList<>();

    void add(double secondsPerIteration) {
        seconds.add(secondsPerIteration);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return Collections.min(seconds);
    }

    double max() {
        return Collections.max(seconds);
    }

    List<Double> all() {
        return List.copyOf(seconds);
    }
}
