package io.github.sparkprop.math;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The activation functions of a layer, a = f(z), each with its derivative written from the output a.
 *
 * <p>All methods work in place on a block stored column-major (one column per sample), so a hidden
 * layer's activation costs one pass over its n_l x B matrix and no allocation.
 */
public enum Activation {

    /** f(z) = max(0, z), f' = 1 where z &gt; 0 (equivalently a &gt; 0), else 0. */
    RELU {
        @Override
        public void apply(double[] z, int units, int samples) {
            int n = units * samples;
            for (int i = 0; i < n; i++) {
                if (z[i] < 0.0) {
                    z[i] = 0.0;
                }
            }
        }

        @Override
        public void multiplyByDerivative(double[] a, double[] delta, int length) {
            for (int i = 0; i < length; i++) {
                if (a[i] <= 0.0) {
                    delta[i] = 0.0;
                }
            }
        }

        @Override
        public void apply(float[] z, int units, int samples) {
            int n = units * samples;
            for (int i = 0; i < n; i++) {
                if (z[i] < 0.0f) {
                    z[i] = 0.0f;
                }
            }
        }

        @Override
        public void multiplyByDerivative(float[] a, float[] delta, int length) {
            for (int i = 0; i < length; i++) {
                if (a[i] <= 0.0f) {
                    delta[i] = 0.0f;
                }
            }
        }
    },

    /**
     * f(z) = z for z &gt; 0, else {@link #LEAKY_SLOPE} z; f' = 1 where a &gt; 0 (z and a have the same sign),
     * else the slope (Maas et al. 2013): negative inputs keep a small gradient.
     */
    LEAKY_RELU {
        @Override
        public void apply(double[] z, int units, int samples) {
            int n = units * samples;
            for (int i = 0; i < n; i++) {
                if (z[i] < 0.0) {
                    z[i] *= LEAKY_SLOPE;
                }
            }
        }

        @Override
        public void multiplyByDerivative(double[] a, double[] delta, int length) {
            for (int i = 0; i < length; i++) {
                if (a[i] <= 0.0) {
                    delta[i] *= LEAKY_SLOPE;
                }
            }
        }

        @Override
        public void apply(float[] z, int units, int samples) {
            int n = units * samples;
            for (int i = 0; i < n; i++) {
                if (z[i] < 0.0f) {
                    z[i] *= (float) LEAKY_SLOPE;
                }
            }
        }

        @Override
        public void multiplyByDerivative(float[] a, float[] delta, int length) {
            for (int i = 0; i < length; i++) {
                if (a[i] <= 0.0f) {
                    delta[i] *= (float) LEAKY_SLOPE;
                }
            }
        }
    },

    /** f(z) = tanh(z), f' = 1 - a^2. */
    TANH {
        @Override
        public void apply(double[] z, int units, int samples) {
            Elementwise.tanh(z, units * samples);
        }

        @Override
        public void multiplyByDerivative(double[] a, double[] delta, int length) {
            for (int i = 0; i < length; i++) {
                delta[i] *= 1.0 - a[i] * a[i];
            }
        }

        @Override
        public void apply(float[] z, int units, int samples) {
            Elementwise.tanh(z, units * samples);
        }

        @Override
        public void multiplyByDerivative(float[] a, float[] delta, int length) {
            for (int i = 0; i < length; i++) {
                delta[i] *= 1.0f - a[i] * a[i];
            }
        }
    },

    /** f(z) = 1 / (1 + e^-z), f' = a (1 - a). */
    SIGMOID {
        @Override
        public void apply(double[] z, int units, int samples) {
            Elementwise.sigmoid(z, units * samples);
        }

        @Override
        public void multiplyByDerivative(double[] a, double[] delta, int length) {
            for (int i = 0; i < length; i++) {
                delta[i] *= a[i] * (1.0 - a[i]);
            }
        }

        @Override
        public void apply(float[] z, int units, int samples) {
            Elementwise.sigmoid(z, units * samples);
        }

        @Override
        public void multiplyByDerivative(float[] a, float[] delta, int length) {
            for (int i = 0; i < length; i++) {
                delta[i] *= a[i] * (1.0f - a[i]);
            }
        }
    },

    /** f(z) = z, f' = 1. */
    IDENTITY {
        @Override
        public void apply(double[] z, int units, int samples) {
            // nothing to do: a = z
        }

        @Override
        public void multiplyByDerivative(double[] a, double[] delta, int length) {
            // f' = 1
        }

        @Override
        public void apply(float[] z, int units, int samples) {
            // nothing to do: a = z
        }

        @Override
        public void multiplyByDerivative(float[] a, float[] delta, int length) {
            // f' = 1
        }
    },

    /**
     * f(z)_k = e^{z_k} / sum_j e^{z_j} over the units of one sample (output layer only). The column
     * maximum is subtracted before exponentiating, so no exponent overflows.
     */
    SOFTMAX {
        @Override
        public void apply(double[] z, int units, int samples) {
            for (int col = 0, start = 0; col < samples; col++, start += units) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = start; i < start + units; i++) {
                    max = Math.max(max, z[i]);
                }
                double sum = 0.0;
                for (int i = start; i < start + units; i++) {
                    z[i] = Math.exp(z[i] - max);
                    sum += z[i];
                }
                for (int i = start; i < start + units; i++) {
                    z[i] /= sum;
                }
            }
        }

        /** Softmax is only an output activation, fused with cross-entropy (delta = a - y). */
        @Override
        public void multiplyByDerivative(double[] a, double[] delta, int length) {
            throw new UnsupportedOperationException("softmax is an output activation only");
        }

        /** Output layers are computed in double in every precision ({@link Precision#lossAndDelta}). */
        @Override
        public void apply(float[] z, int units, int samples) {
            throw new UnsupportedOperationException("softmax is an output activation only, computed in double");
        }

        @Override
        public void multiplyByDerivative(float[] a, float[] delta, int length) {
            throw new UnsupportedOperationException("softmax is an output activation only");
        }
    };

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;

    /**
     * Replaces z (units x samples, column-major) with a = f(z), in place.
     */
    public abstract void apply(double[] z, int units, int samples);

    /**
     * delta_i &lt;- delta_i * f'(a_i) for the first {@code length} entries, with f' written from the output a.
     */
    public abstract void multiplyByDerivative(double[] a, double[] delta, int length);

    /** As {@link #apply(double[], int, int)}, in float (the hidden layers of {@link Precision#FLOAT32}). */
    public abstract void apply(float[] z, int units, int samples);

    /** As {@link #multiplyByDerivative(double[], double[], int)}, in float. */
    public abstract void multiplyByDerivative(float[] a, float[] delta, int length);

    /** The name used on the command line and in model.json: {@code sigmoid}, {@code leaky-relu}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the layer may be a hidden layer (all but softmax). */
    public boolean isHiddenCapable() {
        return this != SOFTMAX;
    }

    /**
     * Whether the layer's initial weights are He's (for rectifiers, whose derivative is near 0 for half the
     * inputs) rather than Glorot's.
     */
    public boolean heInitialized() {
        return this == RELU || this == LEAKY_RELU;
    }

    /** The ids of the activations a hidden layer may have, in declaration order. */
    public static List<String> hiddenIds() {
        return Arrays.stream(values()).filter(Activation::isHiddenCapable).map(Activation::id).toList();
    }

    /**
     * The activation with the given {@link #id()}.
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Activation fromId(String id) {
        for (Activation activation : values()) {
            if (activation.id().equals(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; valid: " + ids(values()));
    }

    static String ids(Activation... activations) {
        return Arrays.stream(activations).map(Activation::id).collect(Collectors.joining(", "));
    }

    /**
     * The logistic function, 1 / (1 + e^-z), evaluated so that no intermediate overflows: for z &lt; 0
     * it is computed as e^z / (1 + e^z).
     */
    static double sigmoid(double z) {
        if (z >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
