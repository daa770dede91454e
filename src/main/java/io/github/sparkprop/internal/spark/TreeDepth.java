package io.github.sparkprop.internal.spark;

/** The depth of treeAggregate for a number of partial sums (of tasks, or of executors). */
public final class TreeDepth {

    /** Partial sums merged by one task of the tree, at most (about). */
    static final int FAN_IN = 16;

    private TreeDepth() {
    }

    /**
     * The smallest depth d &gt;= 1 with P^(1/d) &lt;= 16: 1 (the driver merges them) up to 16 partial sums,
     * 2 up to 256, 3 up to 4,096, ... so that the driver never merges more than about 16 partial gradients.
     */
    public static int forPartitions(int partitions) {
        int depth = 1;
        while (Math.pow(FAN_IN, depth) < partitions) {
            depth++;
        }
        return depth;
    }
}
