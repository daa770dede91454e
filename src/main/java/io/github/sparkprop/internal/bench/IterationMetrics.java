package io.github.sparkprop.internal.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.BroadcastBlockId;

/**
 * What Spark itself measured of each training iteration, from its listener events: the jobs of iteration t are
 * those whose description starts with "sparkprop iteration t" (every pass of a training run says so). Per
 * iteration: the bytes broadcast (the pieces the driver stored, as serialized and compressed) and those the
 * executors fetched, the bytes of task results (all of them, and those of each job's last stage, which reach the
 * driver), the shuffle bytes written, and the tasks' times: run, CPU, deserialization and scheduler delay (launch
 * to end, less the task's own time and its result's fetch), and the jobs' wall time.
 */
final class IterationMetrics extends SparkListener {

    private static final Pattern ITERATION = Pattern.compile("^sparkprop iteration (\\d+)");

    /** One iteration's figures (seconds are summed over its tasks, or its jobs). */
    static final class Iteration {
        int jobs;
        int tasks;
        long broadcastBytes;
        long broadcastFetchedBytes;
        long resultBytes;
        long driverResultBytes;
        long shuffleBytes;
        double runSeconds;
        double cpuSeconds;
        double gcSeconds;
        double deserializeSeconds;
        double schedulerDelaySeconds;
        double jobSeconds;
    }

    private final Map<Integer, Iteration> iterations = new TreeMap<>();
    private final Map<Integer, Integer> iterationOfJob = new HashMap<>();
    private final Map<Integer, Integer> iterationOfStage = new HashMap<>();
    private final Map<Integer, Boolean> lastStage = new HashMap<>();
    private final Map<Integer, Long> jobStart = new HashMap<>();
    /** The iteration of the job running now, if any: executors fetch broadcasts while it runs. */
    private Integer current;
    /** Broadcast bytes the driver stored between jobs: the weights of the next iteration's pass. */
    private long pendingBroadcastBytes;
    private int executorsLost;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        String description = start.properties() == null ? null
                : start.properties().getProperty("spark.job.description");
        Matcher matcher = ITERATION.matcher(description == null ? "" : description);
        if (!matcher.find()) {
            current = null;
            return;
        }
        int t = Integer.parseInt(matcher.group(1));
        current = t;
        Iteration it = iterations.computeIfAbsent(t, k -> new Iteration());
        it.jobs++;
        it.broadcastBytes += pendingBroadcastBytes;
        pendingBroadcastBytes = 0;
        iterationOfJob.put(start.jobId(), t);
        jobStart.put(start.jobId(), start.time());
        int last = -1;
        for (StageInfo stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos())) {
            iterationOfStage.put(stage.stageId(), t);
            last = Math.max(last, stage.stageId());
        }
        lastStage.put(last, true);
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        current = null;
        Integer t = iterationOfJob.remove(end.jobId());
        if (t != null) {
            iterations.get(t).jobSeconds += (end.time() - jobStart.remove(end.jobId())) / 1e3;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        Integer t = iterationOfStage.get(end.stageId());
        TaskMetrics metrics = end.taskMetrics();
        if (t == null || metrics == null) {
            return;
        }
        Iteration it = iterations.get(t);
        TaskInfo info = end.taskInfo();
        it.tasks++;
        it.resultBytes += metrics.resultSize();
        if (lastStage.containsKey(end.stageId())) {
            it.driverResultBytes += metrics.resultSize();
        }
        it.shuffleBytes += metrics.shuffleWriteMetrics().bytesWritten();
        it.runSeconds += metrics.executorRunTime() / 1e3;
        it.cpuSeconds += metrics.executorCpuTime() / 1e9;
        it.gcSeconds += metrics.jvmGCTime() / 1e3;
        it.deserializeSeconds += metrics.executorDeserializeTime() / 1e3;
        long fetching = info.gettingResultTime() > 0 ? info.finishTime() - info.gettingResultTime() : 0;
        it.schedulerDelaySeconds += Math.max(0, info.duration() - metrics.executorRunTime()
                - metrics.executorDeserializeTime() - metrics.resultSerializationTime() - fetching) / 1e3;
    }

    @Override
    public synchronized void onBlockUpdated(SparkListenerBlockUpdated updated) {
        BlockUpdatedInfo block = updated.blockUpdatedInfo();
        long bytes = block.memSize() + block.diskSize();
        if (bytes == 0 || !block.storageLevel().isValid() || !(block.blockId() instanceof BroadcastBlockId broadcast)
                || !broadcast.field().startsWith("piece")) {
            return;
        }
        boolean driver = "driver".equals(block.blockManagerId().executorId());
        if (current == null) {
            pendingBroadcastBytes += driver ? bytes : 0;
        } else if (driver) {
            iterations.get(current).broadcastBytes += bytes;
        } else {
            iterations.get(current).broadcastFetchedBytes += bytes;
        }
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        executorsLost++;
    }

    /** The executors lost since the last {@link #clear} (their runs' figures include the recovery). */
    synchronized int executorsLost() {
        return executorsLost;
    }

    /** The iterations seen since the last {@link #clear}, by number. */
    synchronized Map<Integer, Iteration> iterations() {
        return new TreeMap<>(iterations);
    }

    synchronized void clear() {
        iterations.clear();
        iterationOfJob.clear();
        iterationOfStage.clear();
        lastStage.clear();
        jobStart.clear();
        current = null;
        pendingBroadcastBytes = 0;
        executorsLost = 0;
    }
}
