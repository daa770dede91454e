package io.github.sparkprop.internal.data.source;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/** The rows of a DataFrame, read through its query plan, which reads only the columns asked for. */
record FrameRows(Dataset<Row> frame) implements TableRows {

    @Override
    public JavaRDD<InternalRow> rows() {
        return internal(frame);
    }

    @Override
    public JavaRDD<InternalRow> rows(List<String> columns, int[] indices) {
        return internal(frame.selectExpr(columns.stream().map(FrameRows::quoted).toArray(String[]::new)));
    }

    @Override
    public JavaRDD<?> records() {
        return internal(frame.select());
    }

    @Override
    public JavaRDD<Row> externalRows(int partitions) {
        return (partitions > 0 ? frame.repartition(partitions) : frame).javaRDD();
    }

    /** Spark's internal rows: no conversion to {@code Row} objects, which costs seconds for wide data. */
    private static JavaRDD<InternalRow> internal(Dataset<Row> rows) {
        return rows.queryExecution().toRdd().toJavaRDD();
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
