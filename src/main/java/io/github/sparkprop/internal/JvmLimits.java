package io.github.sparkprop.internal;

/** What this JVM can hold: the longest array and the heap still free. */
public final class JvmLimits {

    /** The most elements one Java array holds (a few below Integer.MAX_VALUE, as the JDK's own collections keep). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private JvmLimits() {
    }

    /** The bytes the heap can still grow into: the maximum heap less what is in use now. */
    public static long freeHeapBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
