package io.github.sparkprop.internal.data.source.archfixture;

import io.github.sparkprop.internal.data.DataSpec;

/**
 * A wall broken on purpose, for {@code ArchitectureTest}: a class in {@code data.source} that uses the preparation
 * package {@code data}. Test code only; the walls are checked on the main classes.
 */
public final class UsesPreparation {

    private UsesPreparation() {
    }

    /** The paths of a spec: a dependency of the sources on the preparation. */
    public static int paths(DataSpec spec) {
        return spec.paths().size();
    }
}
