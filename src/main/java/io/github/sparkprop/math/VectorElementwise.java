package io.github.sparkprop.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link Elementwise}, in a class of their own so that a JVM without the module
 * never loads them. Each handles the whole lanes of z[0..n) and returns where it stopped; the caller does
 * the tail with the scalar loop.
 */
final class VectorElementwise {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    private VectorElementwise() {
    }

    /**
     * The logistic function without overflow, a vector of lanes at a time: with e = e^-|z|, 1 / (1 + e) for
     * z &gt;= 0 and e / (1 + e) below ({@link Elementwise#logistic(double)}'s two cases).
     */
    static int sigmoid(double[] z, int n) {
        int end = SPECIES.loopBound(n);
        for (int i = 0; i < end; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            DoubleVector s = DoubleVector.broadcast(SPECIES, 1.0).div(e.add(1.0));
            VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
            s.blend(e.mul(s), negative).intoArray(z, i);
        }
        return end;
    }

    static int tanh(double[] z, int n) {
        int end = SPECIES.loopBound(n);
        for (int i = 0; i < end; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, z, i).lanewise(VectorOperators.TANH).intoArray(z, i);
        }
        return end;
    }

    /** As {@link #sigmoid(double[], int)}, in float lanes (twice as many a vector). */
    static int sigmoid(float[] z, int n) {
        int end = FLOATS.loopBound(n);
        for (int i = 0; i < end; i += FLOATS.length()) {
            FloatVector x = FloatVector.fromArray(FLOATS, z, i);
            FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            FloatVector s = FloatVector.broadcast(FLOATS, 1.0f).div(e.add(1.0f));
            VectorMask<Float> negative = x.compare(VectorOperators.LT, 0.0f);
            s.blend(e.mul(s), negative).intoArray(z, i);
        }
        return end;
    }

    static int tanh(float[] z, int n) {
        int end = FLOATS.loopBound(n);
        for (int i = 0; i < end; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, z, i).lanewise(VectorOperators.TANH).intoArray(z, i);
        }
        return end;
    }

    /** As {@link Elementwise#flushSubnormals}, whole lanes. */
    static int flushSubnormals(float[] x, int n) {
        int end = FLOATS.loopBound(n);
        for (int i = 0; i < end; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, i);
            v.blend(0.0f, v.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(x, i);
        }
        return end;
    }
}
