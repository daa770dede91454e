package io.github.sparkprop.internal.data.source;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The records of each file split (file -&gt; split start -&gt; records), counted per partition and merged. */
final class RecordCounts implements Serializable {

    private final Map<String, TreeMap<Long, Long>> counts = new HashMap<>();

    /** Counts the rows of one partition by the split each comes from. */
    static RecordCounts of(Iterator<?> rows, SplitLocator splits) {
        RecordCounts records = new RecordCounts();
        while (rows.hasNext()) {
            rows.next();
            records.add(splits.file().toString(), splits.split(), 1);
        }
        return records;
    }

    private void add(String file, long split, long records) {
        counts.computeIfAbsent(file, f -> new TreeMap<>()).merge(split, records, Long::sum);
    }

    RecordCounts merge(RecordCounts other) {
        other.counts.forEach((file, splits) -> splits.forEach((split, records) -> add(file, split, records)));
        return this;
    }

    Map<String, TreeMap<Long, Long>> counts() {
        return counts;
    }
}
