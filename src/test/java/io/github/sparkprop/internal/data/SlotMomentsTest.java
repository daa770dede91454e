package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Welford's and Chan's moments, missing values and fills included, against two-pass sums over plain arrays. */
class SlotMomentsTest {

    @Test
    void mergedPartitionsWithMissingValuesAndFillsGiveTheTwoPassMoments() {
        Random random = new Random(7);
        int rows = 1000;
        int slots = 3;
        double[][] x = new double[rows][slots];
        for (double[] row : x) {
            row[0] = 1e6 + random.nextGaussian(); // a large mean, where one-pass sums of squares lose digits
            row[1] = random.nextDouble() < 0.3 ? Double.NaN : random.nextGaussian() * 5;
            row[2] = Double.NaN; // never a value
        }
        SlotMoments[] parts = {new SlotMoments(slots), new SlotMoments(slots), new SlotMoments(slots)};
        for (int i = 0; i < rows; i++) {
            parts[i % 3].add(x[i], 0);
        }
        SlotMoments all = parts[0].merge(parts[1]).merge(parts[2]);
        double[] fills = {0, 2.5, 4};
        double[][] meanAndVariance = all.withFills(rows, fills);
        for (int k = 0; k < slots; k++) {
            double sum = 0;
            for (double[] row : x) {
                sum += Double.isNaN(row[k]) ? fills[k] : row[k];
            }
            double mean = sum / rows;
            double squares = 0;
            for (double[] row : x) {
                double v = Double.isNaN(row[k]) ? fills[k] : row[k];
                squares += (v - mean) * (v - mean);
            }
            assertEquals(mean, meanAndVariance[0][k], 1e-12 * Math.max(1, Math.abs(mean)), "mean of input " + k);
            assertEquals(squares / rows, meanAndVariance[1][k], 1e-9 * Math.max(1, squares / rows),
                    "population variance of input " + k);
        }
        double observed = 0;
        long count = 0;
        for (double[] row : x) {
            if (!Double.isNaN(row[1])) {
                observed += row[1];
                count++;
            }
        }
        assertEquals(count, all.count(1));
        assertEquals(observed / count, all.observedMean()[1], 1e-12);
        assertArrayEquals(new double[] {Double.NaN}, new double[] {all.observedMean()[2]}, "no value, no mean");
    }

    /** Spark merges partitions in the order their tasks finish: every order gives the same bits. */
    @Test
    void theMomentsDoNotDependOnTheOrderOfTheMerges() {
        Random random = new Random(3);
        double[][] parts = new double[5][];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = random.doubles(200, -1e3, 1e5).toArray();
        }
        double[][] first = null;
        for (int[] order : new int[][] {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}}) {
            SlotMoments[] moments = new SlotMoments[parts.length];
            for (int p = 0; p < parts.length; p++) {
                moments[p] = new SlotMoments(1);
                for (double v : parts[p]) {
                    moments[p].add(new double[] {v}, 0);
                }
            }
            // a tree of merges: ((a b) (c (d e))) in the order given
            SlotMoments all = moments[order[0]].merge(moments[order[1]]).merge(moments[order[2]]
                    .merge(moments[order[3]].merge(moments[order[4]])));
            double[][] result = all.withFills(1000, null);
            if (first == null) {
                first = result;
            }
            assertEquals(Double.doubleToLongBits(first[0][0]), Double.doubleToLongBits(result[0][0]), "mean");
            assertEquals(Double.doubleToLongBits(first[1][0]), Double.doubleToLongBits(result[1][0]), "variance");
        }
    }
}
