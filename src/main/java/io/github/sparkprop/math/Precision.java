package io.github.sparkprop.math;

import java.util.Arrays;
import java.util.Locale;

/**
 * The number type of a task's arithmetic: {@link #FLOAT64} (double: every exactness promise holds) or
 * {@link #FLOAT32} (float features, weights, activations and deltas, sgemm: about twice the GEMM rate and
 * half the bytes; each block's gradient is added into a double sum, the loss is computed in double;
 * activations and deltas below float's smallest normal number, 1.2e-38, are flushed to zero, as GPUs do).
 * {@link Backprop} runs one algorithm on either: the operations here are the only places that know the array
 * type, each array passed as an Object that is a double[] or a float[] as the constant says.
 */
public enum Precision {

    /** double arrays and dgemm. */
    FLOAT64 {
        @Override
        public Object allocate(int length) {
            return new double[length];
        }

        @Override
        void multiply(String transA, String transB, int m, int n, int k, Object a, int aOffset, int lda, Object b,
                int bOffset, int ldb, boolean accumulate, Object c, int cOffset, int ldc) {
            Blas.get().dgemm(transA, transB, m, n, k, 1.0, (double[]) a, aOffset, lda, (double[]) b, bOffset, ldb,
                    accumulate ? 1.0 : 0.0, (double[]) c, cOffset, ldc);
        }

        @Override
        void activate(Activation f, Object z, int units, int samples) {
            f.apply((double[]) z, units, samples);
        }

        @Override
        void multiplyByDerivative(Activation f, Object z, Object a, Object delta, int length) {
            f.multiplyByDerivative((double[]) z, (double[]) a, (double[]) delta, length);
        }

        @Override
        double lossAndDelta(OutputLayer layer, Object z, double[] labels, double[] weights, int units, int samples,
                Object delta, double[][] scratch) {
            return layer.lossAndDelta((double[]) z, labels, weights, units, samples, (double[]) delta);
        }

        @Override
        void addRowSums(Object matrix, int rows, int cols, double[] target, int offset) {
            double[] m = (double[]) matrix;
            for (int j = 0, start = 0; j < cols; j++, start += rows) {
                for (int i = 0; i < rows; i++) {
                    target[offset + i] += m[start + i];
                }
            }
        }

        @Override
        void addOuterProducts(int in, int out, int samples, Object a, Object delta, double[] gradient, int offset,
                Object scratch) {
            // G_W (row-major out x in) is, seen column-major, G_W^T += A (delta)^T
            Blas.get().dgemm("N", "T", in, out, samples, 1.0, (double[]) a, 0, in, (double[]) delta, 0, out, 1.0,
                    gradient, offset, in);
        }
    },

    /** float arrays and sgemm; the output layer and the gradient sums in double. */
    FLOAT32 {
        @Override
        public Object allocate(int length) {
            return new float[length];
        }

        @Override
        void multiply(String transA, String transB, int m, int n, int k, Object a, int aOffset, int lda, Object b,
                int bOffset, int ldb, boolean accumulate, Object c, int cOffset, int ldc) {
            Blas.get().sgemm(transA, transB, m, n, k, 1.0f, (float[]) a, aOffset, lda, (float[]) b, bOffset, ldb,
                    accumulate ? 1.0f : 0.0f, (float[]) c, cOffset, ldc);
        }

        /** f(z), with subnormal results flushed to zero ({@link Elementwise#flushSubnormals}). */
        @Override
        void activate(Activation f, Object z, int units, int samples) {
            f.apply((float[]) z, units, samples);
            Elementwise.flushSubnormals((float[]) z, units * samples);
        }

        /** delta .* f', with subnormal results flushed to zero. */
        @Override
        void multiplyByDerivative(Activation f, Object z, Object a, Object delta, int length) {
            f.multiplyByDerivative((float[]) z, (float[]) a, (float[]) delta, length);
            Elementwise.flushSubnormals((float[]) delta, length);
        }

        /**
         * In double: z^L is widened, the output layer computes the loss, y_hat and delta^L as in float64, and
         * y_hat and delta^L are narrowed back (the output layer is n_L x B, small next to the GEMMs).
         */
        @Override
        double lossAndDelta(OutputLayer layer, Object z, double[] labels, double[] weights, int units, int samples,
                Object delta, double[][] scratch) {
            int n = units * samples;
            if (scratch[0] == null || scratch[0].length < n) {
                scratch[0] = new double[n];
                scratch[1] = new double[n];
            }
            float[] z32 = (float[]) z;
            float[] delta32 = (float[]) delta;
            double[] z64 = scratch[0];
            double[] delta64 = scratch[1];
            for (int i = 0; i < n; i++) {
                z64[i] = z32[i];
            }
            double loss = layer.lossAndDelta(z64, labels, weights, units, samples, delta64);
            for (int i = 0; i < n; i++) {
                z32[i] = (float) z64[i];
                delta32[i] = (float) delta64[i];
            }
            Elementwise.flushSubnormals(delta32, n);
            return loss;
        }

        @Override
        void addRowSums(Object matrix, int rows, int cols, double[] target, int offset) {
            float[] m = (float[]) matrix;
            for (int j = 0, start = 0; j < cols; j++, start += rows) {
                for (int i = 0; i < rows; i++) {
                    target[offset + i] += m[start + i];
                }
            }
        }

        /**
         * The block's products in float, sgemm'd into {@code scratch} as delta A^T (out x in, column-major), then
         * added into the double sum, transposed ({@link Elementwise#addTransposed}). OpenBLAS computes the
         * products in this orientation about 1.3 x faster than A delta^T (the sum's own) when A streams from
         * memory, as a block of features does; the transposition costs a few percent of that.
         */
        @Override
        void addOuterProducts(int in, int out, int samples, Object a, Object delta, double[] gradient, int offset,
                Object scratch) {
            float[] block = (float[]) scratch;
            Blas.get().sgemm("N", "T", out, in, samples, 1.0f, (float[]) delta, 0, out, (float[]) a, 0, in, 0.0f,
                    block, 0, out);
            Elementwise.addTransposed(block, out, in, gradient, offset);
        }
    };

    /**
     * The name on the command line and in the ML param: {@code float64} or {@code float32}.
     *
     * @return the constant's name in lower case
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision with the given {@link #id()}.
     *
     * @param id {@code float64} or {@code float32}, matched exactly (case-sensitive)
     * @return the precision of that id
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Precision fromId(String id) {
        for (Precision precision : values()) {
            if (precision.id().equals(id)) {
                return precision;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + id + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(Precision::id).toList()));
    }

    /**
     * A zeroed array of this precision: a double[] or a float[].
     *
     * @param length the number of values
     * @return a new double[] for {@link #FLOAT64}, a new float[] for {@link #FLOAT32}
     */
    public abstract Object allocate(int length);

    /**
     * The precision of an array of features: {@link #FLOAT32} for a float[], else {@link #FLOAT64}.
     *
     * @param features a block's features, a double[] or a float[]
     * @return the precision whose arrays are of the features' type
     */
    public static Precision of(Object features) {
        return features instanceof float[] ? FLOAT32 : FLOAT64;
    }

    /** C = op(A) op(B), or C += op(A) op(B) when accumulating (column-major, BLAS's arguments). */
    abstract void multiply(String transA, String transB, int m, int n, int k, Object a, int aOffset, int lda,
            Object b, int bOffset, int ldb, boolean accumulate, Object c, int cOffset, int ldc);

    /** Each of the first {@code columns} columns of z (rows x columns) = w[offset .. offset + rows). */
    void fillColumns(Object w, int offset, int rows, Object z, int columns) {
        for (int j = 0; j < columns; j++) {
            System.arraycopy(w, offset, z, j * rows, rows);
        }
    }

    /** z = f(z), in place ({@link Activation#apply}). */
    abstract void activate(Activation f, Object z, int units, int samples);

    /**
     * delta = delta .* f', f' from z or from a = f(z) as f says ({@link Activation#multiplyByDerivative}).
     *
     * @param z the pre-activations when f {@link Activation#needsZ needs them}, else null
     */
    abstract void multiplyByDerivative(Activation f, Object z, Object a, Object delta, int length);

    /**
     * {@link OutputLayer#lossAndDelta}: the loss sum, y_hat into z, delta^L into delta.
     *
     * @param scratch two double buffers the call may (re)allocate and keep, for a precision that widens
     */
    abstract double lossAndDelta(OutputLayer layer, Object z, double[] labels, double[] weights, int units,
            int samples, Object delta, double[][] scratch);

    /** target[offset + i] += sum_j m[i, j] (m rows x cols, column-major): the bias gradient. */
    abstract void addRowSums(Object matrix, int rows, int cols, double[] target, int offset);

    /**
     * The weight gradient of a layer over a block, added into the double sum: gradient[offset ..] (row-major
     * out x in) += delta (A)^T, with A in x samples and delta out x samples.
     *
     * @param scratch an array of this precision of at least in x out values, for a precision that computes
     *                the block's products apart from the sum
     */
    abstract void addOuterProducts(int in, int out, int samples, Object a, Object delta, double[] gradient, int offset,
            Object scratch);
}
