package io.github.sparkprop.testing;

import io.github.sparkprop.internal.spark.PassWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BroadcastBlockId;

/** The broadcasts of passes' weights alive in this JVM's Spark, as its block manager lists them. */
public final class WeightBroadcasts {

    private WeightBroadcasts() {
    }

    /** Broadcasts alive on the driver whose value is the weights of a pass. */
    public static int alive() {
        var blockManager = SparkEnv.get().blockManager();
        scala.Function1<BlockId, Object> isBroadcast = id -> id.isBroadcast();
        List<BlockId> ids = new ArrayList<>();
        blockManager.master().getMatchingBlockIds(isBroadcast, true).foreach(ids::add);
        int count = 0;
        for (BlockId id : ids) {
            if (id instanceof BroadcastBlockId broadcast && broadcast.field().isEmpty()) {
                var values = blockManager.getLocalValues(id);
                if (values.isDefined()) {
                    if (values.get().data().hasNext() && values.get().data().next() instanceof PassWeights) {
                        count++;
                    }
                    blockManager.releaseLock(id, scala.Option.empty());
                }
            }
        }
        return count;
    }

    /**
     * The broadcasts alive once they are down to {@code expected}, or after 10 s (destroys may be in the
     * background).
     */
    public static int aliveAfterDestroys(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int alive;
        while ((alive = alive()) > expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return alive;
    }
}
