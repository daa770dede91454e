package io.github.sparkprop.internal.spark;

import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A Spark job of one task per partition whose results the driver takes as they arrive: Spark's
 * {@code SparkContext.runJob}, given a function of a named class. Spark's closure cleaner reads the bytecode
 * of the class that defines each lambda it is given (for a Java function, the Scala lambdas that the Java API
 * wraps it in, and those inside {@code treeAggregate} and {@code collect}) and Java-serializes it to check it:
 * about 9 ms of a 17 ms pass over 150 rows in local mode, measured; a named class is not a closure, so it skips
 * both. Passes over small data run as these jobs (what {@code treeAggregate} of depth 1 does: each task's result
 * merged on the driver as it comes).
 */
final class PartitionJob {

    private PartitionJob() {
    }

    /**
     * The work of one task on its partition. Each task runs its own copy (Spark deserializes the function per
     * task), so its fields are the task's own.
     *
     * @param <T> the partition's elements
     * @param <R> the task's result
     */
    abstract static class Task<T, R> extends AbstractFunction2<TaskContext, Iterator<T>, R> implements Serializable {

        private static final long serialVersionUID = 1L;

        /** The task's result for the elements of its partition. */
        abstract R run(java.util.Iterator<T> partition);

        @Override
        public final R apply(TaskContext context, Iterator<T> partition) {
            return run(CollectionConverters.asJava(partition));
        }
    }

    /**
     * Runs {@code task} on every partition of rdd; {@code onResult} takes each task's result on the driver as it
     * arrives (on Spark's scheduler thread, one at a time), before this returns.
     */
    static <T, R> void run(JavaRDD<T> rdd, Task<T, R> task, Consumer<R> onResult) {
        RDD<T> partitions = rdd.rdd();
        List<Object> all = IntStream.range(0, partitions.getNumPartitions()).boxed().map(i -> (Object) i).toList();
        @SuppressWarnings("unchecked")
        ClassTag<R> type = (ClassTag<R>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
        partitions.sparkContext().runJob(partitions, task, CollectionConverters.asScala(all).toSeq(),
                new AbstractFunction2<Object, R, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(Object partition, R result) {
                        onResult.accept(result);
                        return BoxedUnit.UNIT;
                    }
                }, type);
    }
}
