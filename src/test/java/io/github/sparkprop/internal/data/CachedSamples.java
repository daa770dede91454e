package io.github.sparkprop.internal.data;

import java.util.ArrayList;
import java.util.List;

/** The samples of loaded data's cached blocks, for tests that compare them with the rows they came from. */
final class CachedSamples {

    private CachedSamples() {
    }

    /** Every sample of the cached blocks as features then label (or target), sorted by the first feature. */
    static List<double[]> sortedByFirstFeature(LoadedData data) {
        List<double[]> rows = new ArrayList<>();
        int n0 = data.features().count();
        for (SampleBlock block : data.blocks().collect()) {
            for (int j = 0; j < block.size(); j++) {
                double[] row = new double[n0 + 1];
                System.arraycopy(block.features(), j * n0, row, 0, n0);
                row[n0] = block.labels()[j];
                rows.add(row);
            }
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        return rows;
    }
}
