package io.github.sparkprop.math;

import java.io.Serializable;

/**
 * A sparse rows x cols matrix in compressed sparse column form: the non-zeros of column j are
 * values[colPtr[j] .. colPtr[j+1]) at rows rowIndices[...]. Samples are columns, so a block of sparse
 * samples (LibSVM, sparse vectors) keeps only its non-zeros.
 */
public final class SparseColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The number of rows (features). */
    private final int rows;
    /** The number of columns (samples); the arrays may hold more. */
    private final int cols;
    /** Column j's non-zeros are at colPtr[j] .. colPtr[j+1]) of rowIndices and values; colPtr[0] = 0. */
    private final int[] colPtr;
    /** The row of each non-zero, column by column. */
    private final int[] rowIndices;
    /** The value of each non-zero, in the order of rowIndices. */
    private final double[] values;

    /**
     * A matrix of as many columns as colPtr describes. The arrays are kept, not copied.
     *
     * @param rows       the number of rows (features)
     * @param colPtr     cols + 1 entries, starting with 0: column j's non-zeros are at colPtr[j] .. colPtr[j+1])
     * @param rowIndices the row of each non-zero, column by column; at least colPtr[cols] entries
     * @param values     the value of each non-zero, in the order of rowIndices; at least colPtr[cols] entries
     * @throws IllegalArgumentException when the arrays are inconsistent
     */
    public SparseColumns(int rows, int[] colPtr, int[] rowIndices, double[] values) {
        this(rows, colPtr.length - 1, colPtr, rowIndices, values);
    }

    /**
     * The first {@code cols} columns of arrays that may be longer (reusable buffers): colPtr holds at least
     * cols + 1 entries. The arrays are kept, not copied.
     *
     * @param rows       the number of rows (features)
     * @param cols       the number of columns (samples), at least 0
     * @param colPtr     at least cols + 1 entries, starting with 0: column j's non-zeros are at
     *                   colPtr[j] .. colPtr[j+1])
     * @param rowIndices the row of each non-zero, column by column; at least colPtr[cols] entries
     * @param values     the value of each non-zero, in the order of rowIndices; at least colPtr[cols] entries
     * @throws IllegalArgumentException when the arrays are inconsistent
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

    /**
     * n_0, the number of rows (features).
     *
     * @return the number of rows
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns (samples).
     *
     * @return the number of columns, which may be fewer than the arrays could hold
     */
    public int cols() {
        return cols;
    }

    /**
     * The column pointers, the array itself (not a copy).
     *
     * @return at least cols + 1 entries: column j's non-zeros are at colPtr[j] .. colPtr[j+1]) of
     *         {@link #rowIndices()} and {@link #values()}
     */
    public int[] colPtr() {
        return colPtr;
    }

    /**
     * The rows of the non-zeros, the array itself (not a copy).
     *
     * @return the row of each non-zero, column by column; entries past {@link #nonZeros()} are not part of the
     *         matrix
     */
    public int[] rowIndices() {
        return rowIndices;
    }

    /**
     * The values of the non-zeros, the array itself (not a copy).
     *
     * @return the value of each non-zero, in the order of {@link #rowIndices()}; entries past
     *         {@link #nonZeros()} are not part of the matrix
     */
    public double[] values() {
        return values;
    }

    /**
     * The number of stored non-zeros.
     *
     * @return colPtr[cols], the number of stored entries (explicit zeros among them count)
     */
    public int nonZeros() {
        return colPtr[cols];
    }

    /**
     * Writes the matrix out densely (rows x cols, column-major) into the first rows x cols of target, zeros
     * included.
     *
     * @param target an array of at least rows x cols values; its first rows x cols are overwritten
     */
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
