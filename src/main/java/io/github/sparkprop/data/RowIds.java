package io.github.sparkprop.data;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stable id of every input row: its position when the files are taken in name order and each file in
 * row order, counting invalid rows too. It is found from the number of records in each file split, so it
 * is the same however Spark splits the files and however the rows are repartitioned later.
 */
final class RowIds implements Serializable {

    /** file -&gt; split start offset -&gt; id of the split's first record. */
    private final Map<String, TreeMap<Long, Long>> firstIds = new HashMap<>();

    RowIds(Map<String, TreeMap<Long, Long>> recordsPerSplit) {
        long next = 0;
        for (String file : new java.util.TreeSet<>(recordsPerSplit.keySet())) {
            TreeMap<Long, Long> splits = new TreeMap<>();
            for (Map.Entry<Long, Long> split : recordsPerSplit.get(file).entrySet()) {
                splits.put(split.getKey(), next);
                next += split.getValue();
            }
            firstIds.put(file, splits);
        }
    }

    /** The id of the first record of the split of {@code file} that starts at byte {@code split}. */
    long firstId(String file, long split) {
        TreeMap<Long, Long> splits = firstIds.get(file);
        Long id = splits == null ? null : splits.get(split);
        if (id == null) {
            throw new IllegalStateException("the input changed while it was read: no split " + file + "@" + split);
        }
        return id;
    }
}
