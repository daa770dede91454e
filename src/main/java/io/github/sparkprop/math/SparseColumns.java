package io.github.sparkprop.math;

import java.io.Serializable;

/**
 * A sparse rows x cols matrix in compressed sparse column form: the non-zeros of column j are
 * values[colPtr[j] .. colPtr[j+1]) at rows rowIndices[...]. Samples are columns, so a block of sparse
 * samples (LibSVM, sparse vectors) keeps only its non-zeros.
 */
public final class SparseColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;
    private final int[] colPtr;
    private final int[] rowIndices;
    private final double[] values;

    public SparseColumns(int rows, int[] colPtr, int[] rowIndices, double[] values) {
        this(rows, colPtr.length - 1, colPtr, rowIndices, values);
    }

    /**
     * The first {@code cols} columns of arrays that may be longer (reusable buffers): colPtr holds at least
     * cols + 1 entries.
     */
    public SparseColumns(int rows, int cols, int[] colPtr, int[] rowIndices, double[] values) {
        if (cols < 0 || colPtr.length < cols + 1 || colPtr[0] != 0 || rowIndices.length < colPtr[cols]
                || values.length < colPtr[cols]) {
            throw new IllegalArgumentException("inconsistent compressed sparse columns");
        }
        this.rows = rows;
        this.cols = cols;
        this.colPtr = colPtr;
        this.rowIndices = rowIndices;
        this.values = values;
    }

    /** n_0, the number of rows (features). */
    public int rows() {
        return rows;
    }

    /** The number of columns (samples). */
    public int cols() {
        return cols;
    }

    public int[] colPtr() {
        return colPtr;
    }

    public int[] rowIndices() {
        return rowIndices;
    }

    public double[] values() {
        return values;
    }

    /** The number of stored non-zeros. */
    public int nonZeros() {
        return colPtr[cols];
    }

    /** Writes the matrix out densely (rows x cols, column-major) into the first rows x cols of target. */
    /** The matrix written out densely into target (rows x cols, column-major), zeros included. */
    public void writeDense(double[] target) {
        java.util.Arrays.fill(target, 0, rows * cols, 0.0);
        for (int j = 0, start = 0; j < cols; j++, start += rows) {
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                target[start + rowIndices[k]] = values[k];
            }
        }
    }

    /**
     * z (out x cols, column-major) += W x for W row-major (out x rows) at w[offset]: for every non-zero
     * x_rj, column j of z gains x_rj times column r of W.
     */
    void multiplyInto(double[] w, int offset, int out, double[] z) {
        for (int j = 0; j < cols; j++) {
            int zj = j * out;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                int r = offset + rowIndices[k];
                double v = values[k];
                for (int o = 0; o < out; o++) {
                    z[zj + o] += v * w[r + o * rows];
                }
            }
        }
    }

    /**
     * g (out x rows, row-major at g[offset]) += delta x^T for delta (out x cols, column-major): for every
     * non-zero x_rj, column r of g gains x_rj times column j of delta.
     */
    void addOuterProduct(double[] delta, int out, double[] g, int offset) {
        for (int j = 0; j < cols; j++) {
            int dj = j * out;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                int r = offset + rowIndices[k];
                double v = values[k];
                for (int o = 0; o < out; o++) {
                    g[r + o * rows] += v * delta[dj + o];
                }
            }
        }
    }
}
