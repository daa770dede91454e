package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.data.source.RowHash;
import java.io.Serializable;

/**
 * Which rows are held out: with u = U(seed, split salt, i) for row id i, row i is a test row when
 * u &lt; testFraction, a validation row when testFraction &lt;= u &lt; testFraction + fraction, and a training
 * row otherwise. The split depends only on the seed and the row ids, never on the partitioning. Fractions
 * 0 hold out nothing; {@link #ALL} makes every row a validation row (a separate validation file).
 *
 * @param seed         the seed of the split
 * @param fraction     the fraction of validation rows
 * @param testFraction the fraction of test rows
 */
public record HoldOut(long seed, double fraction, double testFraction) implements Serializable {

    public static final HoldOut NONE = new HoldOut(0, 0, 0);
    public static final HoldOut ALL = new HoldOut(0, 1, 0);

    /** What a row is used for. */
    public enum Role { TRAINING, VALIDATION, TEST }

    public HoldOut {
        if (!(fraction >= 0 && testFraction >= 0 && fraction + testFraction <= 1)) {
            throw new IllegalArgumentException("held-out fractions must be >= 0 and at most 1 together, got "
                    + fraction + " and " + testFraction);
        }
    }

    /** A validation split only. */
    public HoldOut(long seed, double fraction) {
        this(seed, fraction, 0);
    }

    /** The role of row id. */
    public Role role(long id) {
        if (fraction >= 1) {
            return Role.VALIDATION;
        }
        if (fraction == 0 && testFraction == 0) {
            return Role.TRAINING;
        }
        double u = RowHash.uniform(seed, RowHash.SPLIT_SALT, id);
        return u < testFraction ? Role.TEST : u < testFraction + fraction ? Role.VALIDATION : Role.TRAINING;
    }
}
