package io.github.sparkprop.internal.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The weights a pass broadcasts, in the precision of the run's arithmetic: the driver's double[] for float64
 * runs, narrowed to float[] for float32 runs (half the bytes on the wire; the tasks' sgemm would narrow them
 * anyway). A task asks for the type it computes in; the other one is converted at most once per copy of the
 * weights (one per executor when broadcast, one per task when they ride inside the tasks), so a float32 run's
 * validation rows, scored in double, see the float32 weights widened, the very weights its gradients are computed
 * at.
 */
public final class PassWeights implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One of the two is null: the broadcast type. */
    private final double[] doubles;
    private final float[] floats;
    private transient volatile double[] widened;
    private transient volatile float[] narrowed;

    private PassWeights(double[] doubles, float[] floats) {
        this.doubles = doubles;
        this.floats = floats;
    }

    /** The weights w to send for float64 arithmetic: w itself. */
    public static PassWeights float64(double[] w) {
        return new PassWeights(w, null);
    }

    /** The weights w to send for float32 arithmetic: w rounded to float. */
    public static PassWeights float32(double[] w) {
        return new PassWeights(null, narrow(w));
    }

    /** Whether they travel as float32. */
    public boolean isFloat32() {
        return floats != null;
    }

    /** The bytes of the array they travel as. */
    public long bytes() {
        return doubles != null ? (long) Double.BYTES * doubles.length : (long) Float.BYTES * floats.length;
    }

    /** The weights as doubles (float32 weights widened, exactly, once per copy). */
    public double[] doubles() {
        if (doubles != null) {
            return doubles;
        }
        double[] w = widened;
        if (w == null) {
            w = new double[floats.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = floats[i];
            }
            widened = w;
        }
        return w;
    }

    /** The weights as floats (float64 weights rounded to nearest, once per copy). */
    public float[] floats() {
        if (floats != null) {
            return floats;
        }
        float[] w = narrowed;
        if (w == null) {
            w = narrow(doubles);
            narrowed = w;
        }
        return w;
    }

    /** Weights [from, to) of these, in the same precision (a copy). */
    public PassWeights slice(int from, int to) {
        return doubles != null ? new PassWeights(Arrays.copyOfRange(doubles, from, to), null)
                : new PassWeights(null, Arrays.copyOfRange(floats, from, to));
    }

    private static float[] narrow(double[] w) {
        float[] rounded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            rounded[i] = (float) w[i];
        }
        return rounded;
    }
}
