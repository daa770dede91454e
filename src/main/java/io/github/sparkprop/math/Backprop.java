package io.github.sparkprop.math;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Forward and backward propagation over a block of B samples (samples are columns), one GEMM per layer
 * and direction, with buffers that are allocated once and reused for every block. A block of sparse
 * samples with at least {@link #DENSE_DENSITY} non-zeros is written out into a dense buffer and goes through
 * GEMM like a dense block (a GEMM is 5-10x faster per multiply than the sparse kernel, so it pays from
 * about 10 % non-zeros); a sparser block goes through the first layer as it is (only its non-zeros are
 * multiplied), dense from there on. Not thread-safe: one instance per task.
 *
 * <p>The same algorithm runs in either {@link Precision}: an instance of {@link Precision#FLOAT32} takes float
 * weights and features (dense blocks only), computes in float with sgemm, and adds each block's gradient into
 * the caller's double sum; its loss is computed in double.
 *
 * <pre>
 *   forward : Z^l = W^l A^{l-1} + b^l 1^T,  A^l = f_l(Z^l),  A^0 = X
 *   backward: delta^L from the output layer; delta^l = ((W^{l+1})^T delta^{l+1}) .* f_l'(Z^l)
 *   sums    : G_W^l += delta^l (A^{l-1})^T,  G_b^l += delta^l 1
 * </pre>
 *
 * f_l' is written from A^l, or from Z^l for an activation that {@link Activation#needsZ needs it}: Z^l is then
 * kept for that layer in a buffer of its own, the only layers that get one.
 */
public final class Backprop {

    private final Network network;
    private final Precision precision;
    /**
     * a[l] holds A^l for l = 1..L (A^L: first z^L, then y_hat); a[0] is unused, the input is the block. Arrays
     * of the precision (double[] or float[]), as are delta and the products.
     */
    private final Object[] a;
    /** z[l] keeps Z^l for a hidden layer l whose activation's derivative needs it, else null. */
    private final Object[] z;
    /** delta[l] holds delta^l for l = 1..L. */
    private final Object[] delta;
    /** A layer's weight gradient over one block, for a precision that adds it into the sum afterwards. */
    private Object products;
    private int productsLength;
    /** The output layer's z^L and delta^L in double, for a precision that widens them. */
    private final double[][] outputScratch = new double[2][];
    private int capacity;
    /** A sparse block written out densely (n_0 x B, column-major), when it is dense enough. */
    private double[] densified = new double[0];

    /** Sparse blocks with at least this fraction of non-zeros go through the first layer densely. */
    static final double DENSE_DENSITY = 0.1;

    /** ... unless their dense form would take more than this many values (64 MB). */
    static final long MAX_DENSIFIED = 8L << 20;

    /**
     * The most instances a thread keeps per precision: a pass of several candidates runs each block through
     * each of their networks in turn, each with its buffers.
     */
    static final int INSTANCES_PER_THREAD = 32;

    /**
     * The instances that {@link #forThisThread} hands out on each thread, per precision: up to
     * {@link #INSTANCES_PER_THREAD}, each of its own network, the least recently used dropped first.
     */
    private static final ThreadLocal<List<RecentInstances>> PER_THREAD = ThreadLocal.withInitial(
            () -> Stream.of(Precision.values()).map(precision -> new RecentInstances()).toList());

    /** A thread's instances of one precision, by network, in the order of their last use. */
    private static final class RecentInstances extends LinkedHashMap<Network, Backprop> {
        private static final long serialVersionUID = 1L;

        RecentInstances() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Network, Backprop> eldest) {
            return size() > INSTANCES_PER_THREAD;
        }
    }

    /**
     * In float64.
     *
     * @param network the network whose blocks this instance propagates (its buffers are sized for its layers)
     */
    public Backprop(Network network) {
        this(network, Precision.FLOAT64);
    }

    /**
     * An instance for the network in the given precision; its buffers are allocated on the first block and
     * grown for a larger one.
     *
     * @param network   the network whose blocks this instance propagates
     * @param precision the type of the weight and feature arrays it takes, and of its own buffers
     */
    public Backprop(Network network, Precision precision) {
        this.network = network;
        this.precision = precision;
        this.a = new Object[network.depth() + 1];
        this.z = new Object[network.depth() + 1];
        this.delta = new Object[network.depth() + 1];
    }

    /**
     * An instance for this thread, the same on every call for an equal network: an executor's task threads
     * keep their buffers from one task (iteration) to the next instead of allocating megabytes of them per
     * task. For callers that finish with the buffers within each call (the training and scoring sums); not
     * for one that reads {@link #outputs()} after it has called something else.
     *
     * @param network the network to propagate; an instance for an equal one is reused
     * @return this thread's float64 instance for the network
     */
    public static Backprop forThisThread(Network network) {
        return forThisThread(network, Precision.FLOAT64);
    }

    /**
     * As {@link #forThisThread(Network)}, in the given precision.
     *
     * @param network   the network to propagate; an instance for an equal one is reused
     * @param precision the precision of the instance (each thread keeps up to {@link #INSTANCES_PER_THREAD}
     *                  per precision, of different networks)
     * @return this thread's instance for the network and precision
     */
    public static Backprop forThisThread(Network network, Precision precision) {
        return PER_THREAD.get().get(precision.ordinal()).computeIfAbsent(network,
                equal -> new Backprop(equal, precision));
    }

    /**
     * Adds the gradient sums over the block to {@code gradient} and returns the loss sum:
     * gradient += sum_i d loss(y_hat_i, y_i) / d(W, b), without the 1/m and without L2.
     *
     * @param w        the flat parameters (layout of {@link Network})
     * @param x        the features, n_0 x samples, column-major
     * @param labels   one label per sample
     * @param samples  B, the number of samples (columns) in the block
     * @param gradient the running gradient sum, same layout as w
     * @return sum_i loss(y_hat_i, y_i)
     */
    public double addGradient(double[] w, double[] x, double[] labels, int samples, double[] gradient) {
        return addGradient(w, x, labels, null, samples, gradient);
    }

    /**
     * As {@link #addGradient(double[], double[], double[], int, double[])} with instance weights: the sums
     * are sum_i w_i d loss_i / d(W, b) and sum_i w_i loss_i.
     *
     * @param w        the flat parameters (layout of {@link Network})
     * @param x        the features, n_0 x samples, column-major
     * @param labels   one label per sample
     * @param weights  one weight per sample, or null for 1
     * @param samples  B, the number of samples (columns) in the block
     * @param gradient the running gradient sum, same layout as w
     * @return sum_i w_i loss(y_hat_i, y_i)
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double addGradient(double[] w, double[] x, double[] labels, double[] weights, int samples,
            double[] gradient) {
        requirePrecision(Precision.FLOAT64);
        return addGradient((Object) w, x, null, labels, weights, samples, gradient);
    }

    /**
     * As {@link #addGradient(double[], double[], double[], double[], int, double[])} in float, for an
     * instance of {@link Precision#FLOAT32}: float weights and features, the sums added into a double gradient.
     *
     * @param w        the flat parameters in float (layout of {@link Network})
     * @param x        the features in float, n_0 x samples, column-major
     * @param labels   one label per sample
     * @param weights  one weight per sample, or null for 1
     * @param samples  B, the number of samples (columns) in the block
     * @param gradient the running gradient sum in double, same layout as w
     * @return sum_i w_i loss(y_hat_i, y_i), computed in double
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT32}
     */
    public double addGradient(float[] w, float[] x, double[] labels, double[] weights, int samples,
            double[] gradient) {
        requirePrecision(Precision.FLOAT32);
        return addGradient((Object) w, x, null, labels, weights, samples, gradient);
    }

    /**
     * As {@link #addGradient(double[], double[], double[], double[], int, double[])} for sparse samples
     * (n_0 x samples in compressed sparse columns): the first layer multiplies only the non-zeros.
     *
     * @param w        the flat parameters (layout of {@link Network})
     * @param x        the features, n_0 x B, one column per sample; a block dense enough for
     *                 {@link #computesDensely} is written out densely first
     * @param labels   one label per sample
     * @param weights  one weight per sample, or null for 1
     * @param gradient the running gradient sum, same layout as w
     * @return sum_i w_i loss(y_hat_i, y_i)
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double addGradient(double[] w, SparseColumns x, double[] labels, double[] weights, double[] gradient) {
        requirePrecision(Precision.FLOAT64);
        return addGradient(w, null, x, labels, weights, x.cols(), gradient);
    }

    /** w and x are arrays of this instance's precision (x null when the block is sparse, then float64). */
    private double addGradient(Object w, Object x, SparseColumns sparse, double[] labels, double[] weights,
            int samples, double[] gradient) {
        if (samples == 0) {
            return 0.0;
        }
        Object input = forward(w, x, sparse, samples);
        int depth = network.depth();
        double loss = precision.lossAndDelta(network.outputLayer(), a[depth], labels, weights, network.outputSize(),
                samples, delta[depth], outputScratch);
        for (int l = depth; l >= 1; l--) {
            int in = network.size(l - 1);
            int out = network.size(l);
            if (l == 1 && input == null) {
                sparse.addOuterProduct((double[]) delta[1], out, gradient, network.weightOffset(1));
            } else {
                precision.addOuterProducts(in, out, samples, l == 1 ? input : a[l - 1], delta[l], gradient,
                        network.weightOffset(l), products(in * out));
            }
            precision.addRowSums(delta[l], out, samples, gradient, network.biasOffset(l));
            if (l > 1) {
                // delta^{l-1} = (W^l)^T delta^l .* f'(Z^{l-1}); row-major W^l seen column-major is (W^l)^T
                precision.multiply("N", "N", in, samples, out, w, network.weightOffset(l), in, delta[l], 0, out,
                        false, delta[l - 1], 0, in);
                precision.multiplyByDerivative(network.activation(l - 1), z[l - 1], a[l - 1], delta[l - 1],
                        in * samples);
            }
        }
        return loss;
    }

    /** The buffer for one layer's block products, when the precision needs one (null in float64). */
    private Object products(int values) {
        if (precision == Precision.FLOAT64) {
            return null;
        }
        if (productsLength < values) {
            products = precision.allocate(values);
            productsLength = values;
        }
        return products;
    }

    private void requirePrecision(Precision expected) {
        if (precision != expected) {
            throw new IllegalStateException("a " + precision.id() + " Backprop was given " + expected.id()
                    + " arrays");
        }
    }

    /**
     * The loss summed over the block, with the outputs y_hat left in {@link #outputs()}.
     *
     * @param w       the flat parameters (layout of {@link Network})
     * @param x       the features, n_0 x samples, column-major
     * @param labels  one label per sample
     * @param samples B, the number of samples (columns) in the block
     * @return sum_i loss(y_hat_i, y_i), unweighted and without L2
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double loss(double[] w, double[] x, double[] labels, int samples) {
        return loss(w, x, null, labels, samples);
    }

    /**
     * The loss summed over a block of sparse samples, with the outputs left in {@link #outputs()}.
     *
     * @param w      the flat parameters (layout of {@link Network})
     * @param x      the features, n_0 x B, one column per sample
     * @param labels one label per sample
     * @return sum_i loss(y_hat_i, y_i), unweighted and without L2
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double loss(double[] w, SparseColumns x, double[] labels) {
        return loss(w, null, x, labels, x.cols());
    }

    private double loss(double[] w, double[] x, SparseColumns sparse, double[] labels, int samples) {
        requirePrecision(Precision.FLOAT64);
        if (samples == 0) {
            return 0.0;
        }
        forward(w, x, sparse, samples);
        int depth = network.depth();
        return precision.lossAndDelta(network.outputLayer(), a[depth], labels, null, network.outputSize(), samples,
                delta[depth], outputScratch);
    }

    /**
     * Computes the outputs y_hat = A^L for the block (n_L x samples, column-major), returned in a buffer
     * that the next call overwrites.
     *
     * @param w       the flat parameters (layout of {@link Network})
     * @param x       the features, n_0 x samples, column-major
     * @param samples B, the number of samples (columns) in the block
     * @return y_hat, n_L x samples, column-major, in a buffer that may be longer (this instance's)
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double[] predict(double[] w, double[] x, int samples) {
        double[] logits = logits(w, x, samples);
        network.activation(network.depth()).apply(logits, network.outputSize(), samples);
        return logits;
    }

    /**
     * The output layer's pre-activations z^L for the block (n_L x samples, column-major), in a buffer that the
     * next call overwrites.
     *
     * @param w       the flat parameters (layout of {@link Network})
     * @param x       the features, n_0 x samples, column-major
     * @param samples B, the number of samples (columns) in the block
     * @return z^L, n_L x samples, column-major, in a buffer that may be longer (this instance's)
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double[] logits(double[] w, double[] x, int samples) {
        requirePrecision(Precision.FLOAT64);
        forward(w, x, null, samples);
        return (double[]) a[network.depth()];
    }

    /**
     * The output layer's pre-activations z^L for a block of sparse samples, as
     * {@link #logits(double[], double[], int)}.
     *
     * @param w the flat parameters (layout of {@link Network})
     * @param x the features, n_0 x B, one column per sample
     * @return z^L, n_L x B, column-major, in a buffer that the next call overwrites
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double[] logits(double[] w, SparseColumns x) {
        requirePrecision(Precision.FLOAT64);
        forward(w, null, x, x.cols());
        return (double[]) a[network.depth()];
    }

    /**
     * The outputs y_hat for a block of sparse samples, in a buffer that the next call overwrites.
     *
     * @param w the flat parameters (layout of {@link Network})
     * @param x the features, n_0 x B, one column per sample
     * @return y_hat, n_L x B, column-major, in a buffer that may be longer (this instance's)
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double[] predict(double[] w, SparseColumns x) {
        double[] logits = logits(w, x);
        network.activation(network.depth()).apply(logits, network.outputSize(), x.cols());
        return logits;
    }

    /**
     * The buffer holding y_hat (n_L x samples) after {@link #loss} or {@link #predict}.
     *
     * @return this instance's output buffer (null before its first block), column-major, the last block's
     *         samples in its first n_L x samples values; after {@link #logits} it holds z^L, after
     *         {@link #addGradient} the block's y_hat
     * @throws IllegalStateException if this instance is not of {@link Precision#FLOAT64}
     */
    public double[] outputs() {
        requirePrecision(Precision.FLOAT64);
        return (double[]) a[network.depth()];
    }

    /**
     * Hidden layers through their activations (keeping Z^l where {@link #z} has a buffer); leaves z^L (not yet
     * activated) in a[L]. The input is dense (x) or sparse (the other null).
     *
     * @return the dense input the first layer used (x, or the sparse block written out densely), or null
     *         when the first layer multiplied the sparse block as it is
     */
    private Object forward(Object w, Object x, SparseColumns sparse, int samples) {
        ensureCapacity(samples);
        Object input = sparse == null ? x : computesDensely(sparse) ? densify(sparse) : null;
        int depth = network.depth();
        for (int l = 1; l <= depth; l++) {
            int in = network.size(l - 1);
            int out = network.size(l);
            Object zl = a[l];
            precision.fillColumns(w, network.biasOffset(l), out, zl, samples);
            if (l == 1 && input == null) {
                sparse.multiplyInto((double[]) w, network.weightOffset(1), out, (double[]) zl);
            } else {
                // Z^l = W^l A^{l-1} + b^l 1^T: row-major W^l seen column-major is (W^l)^T, hence "T"
                precision.multiply("T", "N", out, samples, in, w, network.weightOffset(l), in,
                        l == 1 ? input : a[l - 1], 0, in, true, zl, 0, out);
            }
            if (l < depth) {
                if (z[l] != null) {
                    System.arraycopy(zl, 0, z[l], 0, out * samples);
                }
                precision.activate(network.activation(l), zl, out, samples);
            }
        }
        return input;
    }

    /**
     * Whether a sparse block goes through the first layer densely (see the class comment).
     *
     * @param block a block of sparse samples
     * @return true when at least {@link #DENSE_DENSITY} of its rows x cols entries are non-zeros and its dense
     *         form takes at most {@link #MAX_DENSIFIED} values
     */
    public static boolean computesDensely(SparseColumns block) {
        long cells = (long) block.rows() * block.cols();
        return cells <= MAX_DENSIFIED && block.nonZeros() >= DENSE_DENSITY * cells;
    }

    private double[] densify(SparseColumns block) {
        int cells = block.rows() * block.cols();
        if (densified.length < cells) {
            densified = new double[(int) Math.min(Math.max(cells, 2L * densified.length), MAX_DENSIFIED)];
        }
        block.writeDense(densified);
        return densified;
    }

    private void ensureCapacity(int samples) {
        if (samples <= capacity && capacity > 0) {
            return;
        }
        capacity = Math.max(Math.max(samples, 1), capacity * 2);
        for (int l = 1; l <= network.depth(); l++) {
            a[l] = precision.allocate(network.size(l) * capacity);
            delta[l] = precision.allocate(network.size(l) * capacity);
            // the output layer's z^L is the output layer's own business (OutputLayer#lossAndDelta)
            if (l < network.depth() && network.activation(l).needsZ()) {
                z[l] = precision.allocate(network.size(l) * capacity);
            }
        }
    }
}
