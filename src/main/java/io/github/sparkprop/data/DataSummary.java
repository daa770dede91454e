package io.github.sparkprop.data;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.MultivariateOnlineSummarizer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What one validating pass over the input finds: the valid and invalid row counts, the first invalid row
 * (with its file and row number), the label values seen, and the feature moments for standardisation.
 * Built per partition and merged; the row number of a row is found from the number of records in each file
 * split, so it is exact however Spark splits the files.
 */
public final class DataSummary implements Serializable {

    /** More distinct labels than this means the label is probably a regression target. */
    public static final int MAX_CLASSES = 1000;

    private long valid;
    private long invalid;
    private final Map<String, Long> labelCounts = new HashMap<>();
    private boolean tooManyLabels;
    private final MultivariateOnlineSummarizer moments;
    /** file -&gt; split start offset -&gt; number of records (valid or not) in that split. */
    private final Map<String, TreeMap<Long, Long>> recordsPerSplit = new HashMap<>();
    private Located firstProblem;

    private String currentFile;
    private long currentSplit;
    private long currentCount;

    /** The first invalid row: its file, the start of its split, its index in that split, and the problem. */
    record Located(String file, long split, long index, RowProblem problem) implements Serializable {
        boolean before(Located other) {
            int byFile = file.compareTo(other.file);
            if (byFile != 0) {
                return byFile < 0;
            }
            return split != other.split ? split < other.split : index < other.index;
        }
    }

    DataSummary(boolean withMoments) {
        this.moments = withMoments ? new MultivariateOnlineSummarizer() : null;
    }

    /**
     * Summarises the rows of one partition.
     *
     * @param fileIndex  the row field holding the source file
     * @param splitIndex the row field holding the start offset of the file split
     */
    static DataSummary ofPartition(Iterator<InternalRow> rows, int fileIndex, int splitIndex, RowParser parser,
            boolean withMoments, boolean collectLabels) {
        DataSummary summary = new DataSummary(withMoments);
        double[] x = new double[parser.featureCount()];
        double[] y = new double[1];
        UTF8String currentFile = null;
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            UTF8String file = row.getUTF8String(fileIndex);
            long split = row.getLong(splitIndex);
            if (!file.equals(currentFile) || split != summary.currentSplit) {
                summary.flushSplit();
                currentFile = file.copy(); // the row's buffer is reused for the next row
                summary.currentFile = currentFile.toString();
                summary.currentSplit = split;
            }
            RowProblem problem = parser.parse(row, x, 0, y, 0);
            if (problem == null) {
                summary.valid++;
                if (summary.moments != null) {
                    summary.moments.add(Vectors.dense(x));
                }
                if (collectLabels) {
                    summary.countLabel(parser.labelKey(row));
                }
            } else {
                summary.invalid++;
                if (summary.firstProblem == null) {
                    summary.firstProblem = new Located(summary.currentFile, split, summary.currentCount, problem);
                }
            }
            summary.currentCount++;
        }
        summary.flushSplit();
        return summary;
    }

    private void countLabel(String key) {
        Long count = labelCounts.get(key);
        if (count != null) {
            labelCounts.put(key, count + 1);
        } else if (labelCounts.size() < MAX_CLASSES + 1) {
            labelCounts.put(key, 1L);
        } else {
            tooManyLabels = true;
        }
    }

    private void flushSplit() {
        if (currentFile != null && currentCount > 0) {
            recordsPerSplit.computeIfAbsent(currentFile, f -> new TreeMap<>()).merge(currentSplit, currentCount, Long::sum);
        }
        currentFile = null;
        currentCount = 0;
    }

    /** Merges another partition's summary into this one. */
    DataSummary merge(DataSummary other) {
        valid += other.valid;
        invalid += other.invalid;
        other.labelCounts.forEach((k, v) -> labelCounts.merge(k, v, Long::sum));
        tooManyLabels |= other.tooManyLabels || labelCounts.size() > MAX_CLASSES;
        if (moments != null) {
            moments.merge(other.moments);
        }
        other.recordsPerSplit.forEach((file, splits) -> splits.forEach((split, count) ->
                recordsPerSplit.computeIfAbsent(file, f -> new TreeMap<>()).merge(split, count, Long::sum)));
        if (other.firstProblem != null && (firstProblem == null || other.firstProblem.before(firstProblem))) {
            firstProblem = other.firstProblem;
        }
        return this;
    }

    /** file -&gt; split start offset -&gt; records (valid or not) in that split. */
    Map<String, TreeMap<Long, Long>> recordsPerSplit() {
        return recordsPerSplit;
    }

    public long validRows() {
        return valid;
    }

    public long invalidRows() {
        return invalid;
    }

    /** Label value -&gt; rows (at most {@link #MAX_CLASSES} + 1 distinct values are kept). */
    public Map<String, Long> labelCounts() {
        return labelCounts;
    }

    public boolean tooManyLabels() {
        return tooManyLabels;
    }

    /** The feature means, or null when moments were not asked for. */
    public double[] mean() {
        return moments == null ? null : moments.mean().toArray();
    }

    /** The population variances (the divisor is n, not n - 1), or null when moments were not asked for. */
    public double[] populationVariance() {
        if (moments == null) {
            return null;
        }
        double[] variance = moments.variance().toArray();
        double n = moments.count();
        for (int i = 0; i < variance.length; i++) {
            variance[i] = n > 1 ? variance[i] * (n - 1) / n : 0.0;
        }
        return variance;
    }

    /**
     * "FILE line N: PROBLEM" for the first invalid row (its record number where the line cannot be found),
     * or null when every row is valid.
     */
    public String firstProblem(boolean header, Configuration conf) {
        if (firstProblem == null) {
            return null;
        }
        long before = recordsPerSplit.getOrDefault(firstProblem.file, new TreeMap<>())
                .headMap(firstProblem.split).values().stream().mapToLong(Long::longValue).sum();
        long record = before + firstProblem.index;
        long line = LineLocator.lineOf(conf, firstProblem.file, record, header);
        String where = line > 0 ? " line " + line : " data row " + (record + 1);
        return firstProblem.file + where + ": " + firstProblem.problem.describe();
    }
}
