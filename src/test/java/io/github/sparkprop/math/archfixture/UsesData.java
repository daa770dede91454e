package io.github.sparkprop.math.archfixture;

import io.github.sparkprop.internal.data.SampleBlock;

/**
 * A wall broken on purpose, for {@code ArchitectureTest}: a class in {@code math} that uses {@code data}
 * (which itself uses {@code math}). Test code only; the walls are checked on the main classes.
 */
public final class UsesData {

    private UsesData() {
    }

    /** The number of samples of a block: a dependency of math on data. */
    public static int samples(SampleBlock block) {
        return block.size();
    }
}
