package io.github.sparkprop.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.data.source.InputFormat;
import io.github.sparkprop.internal.data.source.Table;
import io.github.sparkprop.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A DataFrame as input (what the Spark ML API reads): its partitions play the file splits, so row ids are
 * stable from one load to the next, and a requested block size is kept.
 */
class DataFrameInputTest {

    private static Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(RowFactory.create((double) (i % 2), Vectors.dense(i, -i, i * 0.5)));
        }
        return SharedSpark.session().createDataFrame(rows, new StructType().add("label", "double")
                .add("features", SQLDataTypes.VectorType())).repartition(2);
    }

    private static LoadedData load(Dataset<Row> frame, int blockRows) {
        DataSpec spec = DataSpec.of(List.of("the DataFrame")).format(InputFormat.PARQUET)
                .features(List.of("features")).handleInvalid(HandleInvalid.ERROR).blockRows(blockRows).build();
        return DataLoader.load(SharedSpark.session(), Table.of(frame, "the DataFrame"), spec);
    }

    /** Row id -&gt; the row's first feature (its number in this frame), over all blocks. */
    private static java.util.Map<Long, Double> idToFirstFeature(LoadedData data) {
        java.util.Map<Long, Double> rows = new java.util.HashMap<>();
        for (SampleBlock block : data.blocks().collect()) {
            for (int j = 0; j < block.size(); j++) {
                rows.put(block.ids()[j], block.features()[j * 3]);
            }
        }
        return rows;
    }

    @Test
    void blocksKeepTheRequestedSizeAndRowIdsAreStable() {
        Dataset<Row> frame = frame().cache();
        LoadedData first = load(frame, 16);
        LoadedData second = load(frame, 0);
        try {
            assertEquals(100, first.rows());
            List<Integer> sizes = first.blocks().map(SampleBlock::size).collect();
            assertTrue(sizes.stream().allMatch(size -> size <= 16), sizes.toString());
            assertEquals(100, sizes.stream().mapToInt(Integer::intValue).sum());
            java.util.Map<Long, Double> firstRows = idToFirstFeature(first);
            assertEquals(java.util.stream.LongStream.range(0, 100).boxed().collect(java.util.stream.Collectors.toSet()),
                    firstRows.keySet());
            assertEquals(firstRows, idToFirstFeature(second), "each row keeps its id whatever the blocks");
        } finally {
            first.release();
            second.release();
            frame.unpersist();
        }
    }
}
