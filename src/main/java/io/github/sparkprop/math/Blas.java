package io.github.sparkprop.math;

import dev.ludovic.netlib.blas.BLAS;

/** The BLAS Spark itself uses (dev.ludovic.netlib): native when the machine has one, else Java. */
public final class Blas {

    private static final BLAS INSTANCE = BLAS.getInstance();

    private Blas() {
    }

    /** The BLAS implementation for this JVM. */
    public static BLAS get() {
        return INSTANCE;
    }

    /** The implementation's name, e.g. JNIBLAS (native), VectorBLAS or Java11BLAS. */
    public static String implementation() {
        return INSTANCE.getClass().getSimpleName();
    }
}
