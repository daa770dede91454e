package io.github.sparkprop.internal;

import java.util.Collection;
import java.util.Locale;

/** The name a user probably meant: the closest known one by edit distance, when close enough to be a typo. */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The known name closest to {@code wanted} (letter case counts as half an edit), when within max(1, a third of
     * its length) edits, or null.
     */
    public static String closest(String wanted, Collection<String> known) {
        String best = null;
        double bestDistance = Math.max(1, wanted.length() / 3) + 0.5;
        for (String name : known) {
            double distance = distance(wanted, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** "; did you mean 'x'?" for the closest known name, or "" when none is close. */
    public static String hint(String wanted, Collection<String> known) {
        String closest = closest(wanted, known);
        return closest == null ? "" : "; did you mean '" + closest + "'?";
    }

    /** Levenshtein's distance between the lower-cased names, plus 0.5 when they differ in letter case only there. */
    static double distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()] + (a.equals(b) || !x.equals(y) ? 0 : 0.5);
    }
}
