package io.github.sparkprop.internal.data.source;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The stable id of every input row: its position when the files are taken in name order and each file in
 * row order, counting invalid rows too. It is found from the number of records in each file split (counted
 * before the rows are read), so it is the same however Spark splits the files and however the rows are
 * repartitioned later.
 */
public final class RowIds implements Serializable {

    /** file -&gt; split start offset -&gt; id of the split's first record. */
    private final Map<String, TreeMap<Long, Long>> firstIds = new HashMap<>();
    private final long total;
    private final SplitLocator locator;

    /**
     * @param recordsPerSplit file -&gt; split start offset -&gt; records in that split
     * @param locator         the file and split of the row just read, in a task
     */
    RowIds(Map<String, TreeMap<Long, Long>> recordsPerSplit, SplitLocator locator) {
        this.locator = locator;
        long next = 0;
        for (String file : new TreeSet<>(recordsPerSplit.keySet())) {
            TreeMap<Long, Long> splits = new TreeMap<>();
            for (Map.Entry<Long, Long> split : recordsPerSplit.get(file).entrySet()) {
                splits.put(split.getKey(), next);
                next += split.getValue();
            }
            firstIds.put(file, splits);
        }
        this.total = next;
    }

    /** The number of records in all files. */
    public long total() {
        return total;
    }

    /** The id of the first record of a file. */
    long fileStart(String file) {
        return firstIds.get(file).firstEntry().getValue();
    }

    private long firstId(String file, long split) {
        TreeMap<Long, Long> splits = firstIds.get(file);
        Long id = splits == null ? null : splits.get(split);
        if (id == null) {
            throw new IllegalStateException("the input changed while it was read: no split " + file + "@" + split);
        }
        return id;
    }

    /** Gives the rows of one partition their ids, in the order Spark reads them. */
    public Counter counter() {
        return new Counter();
    }

    /** Follows one partition's rows: within a split rows come in file order, one split after another. */
    public final class Counter {
        private UTF8String file;
        private String fileName;
        private long split = -1;
        private long next;

        private Counter() {
        }

        /** The id of the row just read, which must be the partition's next row. */
        public long nextId() {
            UTF8String rowFile = locator.file();
            long rowSplit = locator.split();
            if (rowFile != file && !rowFile.equals(file) || rowSplit != split) {
                file = rowFile;
                fileName = file.toString();
                split = rowSplit;
                next = firstId(fileName, split);
            }
            return next++;
        }

        /** The file of the last row given an id. */
        public String file() {
            return fileName;
        }
    }
}
