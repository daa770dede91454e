package io.github.sparkprop.internal.data.source;

/**
 * A uniform number in [0, 1) for each (seed, salt, row id): the same for the same inputs on any machine,
 * whatever the partitioning, so seeded splits and mini-batches are reproducible. The mix is SplitMix64's
 * finaliser applied to the three inputs in turn.
 */
public final class RowHash {

    /** The salt of the validation/test split, distinct from every iteration number (which is &gt;= 1). */
    public static final long SPLIT_SALT = -1;

    private RowHash() {
    }

    /** U(seed, salt, id) in [0, 1), from the top 53 bits of the mixed hash. */
    public static double uniform(long seed, long salt, long id) {
        long h = mix(mix(mix(seed) ^ salt) ^ id);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
