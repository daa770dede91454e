package io.github.sparkprop.testing;

/** Comparing weight vectors as the design's "same result" does. */
public final class Weights {

    private Weights() {
    }

    /** ||a - b|| / ||b||, the norm-wise relative difference. */
    public static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }
}
