package io.github.sparkprop.ml.archfixture;

import io.github.sparkprop.internal.data.DataSpec;
import java.util.List;

/**
 * A wall broken on purpose, for {@code ArchitectureTest}: a public class of the public API ({@code ml}) whose
 * public method returns an internal type. Test code only; the walls are checked on the main classes.
 */
public final class LeaksInternals {

    private LeaksInternals() {
    }

    /** A spec of the paths: an internal type in a public signature. */
    public static DataSpec spec(List<String> paths) {
        return DataSpec.of(paths).build();
    }
}
