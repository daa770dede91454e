package io.github.sparkprop.data;

import java.io.Serializable;

/**
 * Which rows are held out for validation: row id i is when U(seed, split salt, i) &lt; fraction. The split
 * depends only on the seed and the row ids, never on the partitioning. Fraction 0 holds out nothing,
 * fraction 1 everything (a separate validation file).
 */
public record HoldOut(long seed, double fraction) implements Serializable {

    public static final HoldOut NONE = new HoldOut(0, 0);
    public static final HoldOut ALL = new HoldOut(0, 1);

    public HoldOut {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a held-out fraction must be in [0, 1], got " + fraction);
        }
    }

    /** Whether row id is held out. */
    public boolean contains(long id) {
        return fraction >= 1 || (fraction > 0 && RowHash.uniform(seed, RowHash.SPLIT_SALT, id) < fraction);
    }
}
