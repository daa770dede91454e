package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.data.source.RowIds;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.math.Scaler;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.MultivariateOnlineSummarizer;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * What one validating pass over the input finds: the valid (training and held-out) and invalid row
 * counts, the first invalid row (with its file and row id), the label values seen, and the moments of the
 * training rows' features for standardisation (held-out rows stay out of them). Built per partition and
 * merged.
 */
public final class DataSummary implements Serializable {

    /** More distinct labels than this means the label is probably a regression target. */
    public static final int MAX_CLASSES = 1000;

    private long records;
    private long valid;
    private long heldOut;
    private long invalid;
    private final Map<String, Long> labelCounts = new HashMap<>();
    private final Map<String, Long> trainingLabelCounts = new HashMap<>();
    private long nonZeros;
    private boolean tooManyLabels;
    /** The training rows' moments of dense features, missing values (NaN) passed over, or null. */
    private final SlotMoments moments;
    /** The training rows' moments of a regression target, or null. */
    private SlotMoments targetMoments;
    /** The training rows' moments of sparse features, or null. */
    private final MultivariateOnlineSummarizer sparseMoments;
    private Located firstProblem;
    /** Per scalar column, the valid rows whose missing value there was filled in (null when nothing is). */
    private long[] filled;
    /** Per scalar column, the valid rows whose category there was not seen in training (null as for filled). */
    private long[] unseen;

    /** An invalid row: its file, its row id and the problem. */
    record Located(String file, long id, RowProblem problem) implements Serializable {
    }

    private DataSummary(boolean withMoments, boolean sparse, int features) {
        this.moments = withMoments && !sparse ? new SlotMoments(features) : null;
        this.sparseMoments = withMoments && sparse ? new MultivariateOnlineSummarizer() : null;
    }

    /**
     * Summarises the rows of one partition.
     *
     * @param ids           the rows' ids, from the table's file and split columns
     * @param holdOut       which valid rows are held out (kept out of the moments)
     * @param withMoments   whether to compute the training rows' feature moments (for standardisation and
     *                      imputation: a missing value that is to be filled in is parsed as NaN, and passed over)
     * @param collectLabels whether to count the label values (to find the classes)
     * @param withTarget    whether to compute the training rows' moments of a regression target
     */
    static DataSummary ofPartition(Iterator<InternalRow> rows, RowIds.Counter ids, RowParser parser, HoldOut holdOut,
            boolean withMoments, boolean collectLabels, boolean withTarget) {
        boolean sparse = parser.isSparse();
        DataSummary summary = new DataSummary(withMoments, sparse, parser.featureCount());
        summary.filled = parser.counts() ? new long[parser.columnCount()] : null;
        summary.unseen = parser.counts() ? new long[parser.columnCount()] : null;
        summary.targetMoments = withTarget ? new SlotMoments(1) : null;
        double[] x = sparse ? null : new double[parser.featureCount()];
        SparseRow nonZeros = sparse ? new SparseRow() : null;
        double[] y = new double[1];
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            long id = ids.nextId();
            summary.records++;
            RowProblem problem = sparse ? parser.parseSparse(row, nonZeros, y, null, 0)
                    : parser.parse(row, x, 0, y, null, 0);
            if (problem != null) {
                summary.invalid++;
                if (summary.firstProblem == null || id < summary.firstProblem.id) {
                    summary.firstProblem = new Located(ids.file(), id, problem);
                }
                continue;
            }
            summary.valid++;
            if (summary.filled != null) {
                parser.countFilled(row, summary.filled, summary.unseen);
            }
            boolean training = holdOut.role(id) == HoldOut.Role.TRAINING;
            if (collectLabels) {
                String key = parser.labelKey(row);
                summary.countLabel(key);
                if (training && !summary.tooManyLabels) {
                    summary.trainingLabelCounts.merge(key, 1L, Long::sum);
                }
            }
            if (sparse) {
                summary.nonZeros += nonZeros.count;
            }
            if (training && summary.targetMoments != null) {
                summary.targetMoments.add(y, 0);
            }
            if (!training) {
                summary.heldOut++;
            } else if (summary.moments != null) {
                summary.moments.add(x, 0);
            } else if (summary.sparseMoments != null) {
                summary.sparseMoments.add(Vectors.sparse(parser.featureCount(),
                        java.util.Arrays.copyOf(nonZeros.indices, nonZeros.count),
                        java.util.Arrays.copyOf(nonZeros.values, nonZeros.count)));
            }
        }
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

    /** Merges another partition's summary into this one. */
    DataSummary merge(DataSummary other) {
        records += other.records;
        valid += other.valid;
        heldOut += other.heldOut;
        invalid += other.invalid;
        other.labelCounts.forEach((k, v) -> labelCounts.merge(k, v, Long::sum));
        if (trainingLabelCounts.size() <= MAX_CLASSES) {
            other.trainingLabelCounts.forEach((k, v) -> trainingLabelCounts.merge(k, v, Long::sum));
        }
        nonZeros += other.nonZeros;
        if (filled != null) {
            for (int c = 0; c < filled.length; c++) {
                filled[c] += other.filled[c];
                unseen[c] += other.unseen[c];
            }
        }
        tooManyLabels |= other.tooManyLabels || labelCounts.size() > MAX_CLASSES;
        if (moments != null) {
            moments.merge(other.moments);
        }
        if (targetMoments != null) {
            targetMoments.merge(other.targetMoments);
        }
        if (sparseMoments != null) {
            sparseMoments.merge(other.sparseMoments);
        }
        if (other.firstProblem != null && (firstProblem == null || other.firstProblem.id < firstProblem.id)) {
            firstProblem = other.firstProblem;
        }
        return this;
    }

    /** Every record read, valid or not. */
    long records() {
        return records;
    }

    public long validRows() {
        return valid;
    }

    public long invalidRows() {
        return invalid;
    }

    /** Valid rows that are held out for validation. */
    public long heldOutRows() {
        return heldOut;
    }

    /** Label value -&gt; rows (at most {@link #MAX_CLASSES} + 1 distinct values are kept). */
    public Map<String, Long> labelCounts() {
        return labelCounts;
    }

    /** Label value -&gt; training rows (held-out rows left out), for class weights. */
    public Map<String, Long> trainingLabelCounts() {
        return trainingLabelCounts;
    }

    /** Per scalar column, the valid rows whose missing value was filled in, or null when nothing is filled in. */
    long[] filled() {
        return filled;
    }

    /** Per scalar column, the valid rows whose category was not seen in training, or null as for filled. */
    long[] unseen() {
        return unseen;
    }

    /** Whether the first invalid row is invalid for a feature's missing value (not a wrong one). */
    boolean firstIsGap() {
        return firstProblem != null && firstProblem.problem().reason().equals(io.github.sparkprop.internal.encoding.ValueEncoder.MISSING);
    }

    /** Non-zero feature values of the valid rows of a vector column (read as sparse). */
    long nonZeros() {
        return nonZeros;
    }

    public boolean tooManyLabels() {
        return tooManyLabels;
    }

    /** The training rows' mean of each dense feature over the rows that have a value there (NaN: none). */
    double[] observedMean() {
        return moments.observedMean();
    }

    /**
     * The standardisation of the training rows' features: their means and population standard deviations
     * (divisor n), a constant feature's taken as 1; for sparse features the mean is 0.
     *
     * @param fills  the value of each dense feature in the rows that miss it (null when none do)
     * @param centre whether the mean is subtracted (not for sparse features)
     */
    Scaler scaler(double[] fills, boolean centre) {
        if (moments != null) {
            double[][] meanAndVariance = moments.withFills(valid - heldOut, fills);
            return Scaler.fromMoments(meanAndVariance[0], meanAndVariance[1], centre);
        }
        double[] variance = sparseMoments.variance().toArray();
        double n = sparseMoments.count();
        for (int i = 0; i < variance.length; i++) {
            variance[i] = n > 1 ? variance[i] * (n - 1) / n : 0.0;
        }
        return Scaler.fromMoments(sparseMoments.mean().toArray(), variance, centre);
    }

    /** The standardisation of a regression target over the training rows (a constant target divided by 1). */
    Scaler targetScaler() {
        double[][] meanAndVariance = targetMoments.withFills(targetMoments.count(0), null);
        return Scaler.fromMoments(meanAndVariance[0], meanAndVariance[1], true);
    }

    /** "FILE line N: PROBLEM" for the first invalid row ({@link Table#locate}), or null when every row is valid. */
    String firstProblem(Table table, RowIds ids, Configuration conf) {
        return firstProblem == null ? null
                : table.locate(conf, ids, firstProblem.file, firstProblem.id) + ": " + firstProblem.problem.describe();
    }
}
