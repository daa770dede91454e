package io.github.sparkprop.internal.data;

import io.github.sparkprop.SettingException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How the roles of a table's columns are chosen when no model fixes them (see {@link ColumnRoles}).
 *
 * @param categorical   columns that are categorical whatever they hold (names, prefixes p*, ranges p0..p9)
 * @param exclude       columns that are never features (same forms)
 * @param maxCategories the most distinct values a text column may have to be categorical, K
 * @param impute        how a missing value is filled in, {@link Impute#NONE} (it makes its row invalid), or null for
 *                      the default ({@link Impute#DEFAULT} unless the reading is strict)
 */
public record ColumnChoice(List<String> categorical, List<String> exclude, int maxCategories, Impute impute)
        implements Serializable {

    /** The default K. */
    public static final int DEFAULT_MAX_CATEGORIES = 32;
    /** The largest K: a column of more categories is a one-hot block too wide to learn from. */
    public static final int MAX_CATEGORIES = 10_000;
    /** Roles from the data alone, K = 32, gaps filled the default way. */
    public static final ColumnChoice DEFAULT = new ColumnChoice(List.of(), List.of(), DEFAULT_MAX_CATEGORIES, null);

    /** How missing values are filled in. */
    public enum Impute {
        /** Not: a missing value makes its row invalid. */
        NONE,
        /** With the mean of the column's values in the training rows. */
        MEAN,
        /** With the median of the column's values in the training rows. */
        MEDIAN;

        /**
         * The filling when none is asked for: the mean, as scikit-learn's SimpleImputer, learnt in the same pass
         * that validates the rows (the median takes a pass of its own).
         */
        public static final Impute DEFAULT = MEAN;

        /** none, mean or median. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method of a name, as {@link #id()} gives it. */
        public static Impute fromId(String id) {
            for (Impute impute : values()) {
                if (impute.id().equals(id)) {
                    return impute;
                }
            }
            throw new SettingException("impute", id, "must be mean or median");
        }
    }

    public ColumnChoice {
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (maxCategories < 1 || maxCategories > MAX_CATEGORIES) {
            throw new SettingException("maxCategories", maxCategories, "must be in [1, " + MAX_CATEGORIES + "]");
        }
    }

    /** How gaps are filled in under a reading: as chosen, else the default; never in the strict reading. */
    public Impute imputation(HandleInvalid handleInvalid) {
        return !handleInvalid.lenient() ? Impute.NONE : impute != null ? impute : Impute.DEFAULT;
    }
}
