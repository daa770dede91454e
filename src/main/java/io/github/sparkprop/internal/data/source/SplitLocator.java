package io.github.sparkprop.internal.data.source;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.InputFileBlockHolder;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The file and file split of the row a task has just read, what stable row ids are counted from: for files, what
 * Spark's file scan records as it opens each split (the record behind {@code input_file_name()}, read without
 * adding columns to every row, which for wide rows would copy them all); for a DataFrame, one "file" (its
 * description) whose splits are the partitions. Read it in the task, right after the row.
 */
abstract sealed class SplitLocator implements Serializable {

    /** The file of the last row read. */
    abstract UTF8String file();

    /** The start of the split of the last row read (a byte offset, or a partition). */
    abstract long split();

    /** Rows read from files by Spark's file scan. */
    static SplitLocator files() {
        return new Files();
    }

    /** Rows of a DataFrame's partitions. */
    static SplitLocator partitions(String description) {
        return new Partitions(description);
    }

    private static final class Files extends SplitLocator {
        @Override
        UTF8String file() {
            return InputFileBlockHolder.getInputFilePath();
        }

        @Override
        long split() {
            return InputFileBlockHolder.getStartOffset();
        }
    }

    private static final class Partitions extends SplitLocator {
        private final String description;
        private transient UTF8String file;

        Partitions(String description) {
            this.description = description;
        }

        @Override
        UTF8String file() {
            if (file == null) {
                file = UTF8String.fromString(description);
            }
            return file;
        }

        @Override
        long split() {
            return TaskContext.getPartitionId();
        }
    }
}
