package io.github.sparkprop.internal.data;

import io.github.sparkprop.internal.spark.KryoClasses;
import io.github.sparkprop.math.SparseColumns;
import java.util.List;

/**
 * The classes of {@code data} (and math's sparse block, which travels inside it, and the rows of text of a sample)
 * that Kryo must know.
 */
public final class DataKryoClasses implements KryoClasses {

    @Override
    public List<Class<?>> classes() {
        return List.of(SparseColumns.class, SampleBlock.class, HoldOut.Role.class, Sample.class, String[].class,
                String[][].class);
    }

    /**
     * Once per input: a summary's maps and MLlib's summarizer, the distinct values of columns and the runs of a
     * row-number column go through Java serialization.
     */
    @Override
    public List<Class<?>> javaSerialized() {
        return List.of(DataSummary.class, ColumnRoles.CategoryCounts.class, RowNumbers.Run.class);
    }
}
