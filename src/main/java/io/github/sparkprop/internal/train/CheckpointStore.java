package io.github.sparkprop.internal.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.model.AtomicDirectory;
import io.github.sparkprop.internal.model.ModelFormatException;
import io.github.sparkprop.internal.model.Safetensors;
import io.github.sparkprop.internal.optim.Setting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of a training run in a directory on any Hadoop file system. Each is a directory
 * {@code checkpoint-NNNNNNNN} (the iteration) holding {@code state.safetensors} (weights, best weights,
 * optimizer state, the loop's listeners' state) and {@code checkpoint.json} (iteration, settings, history),
 * written atomically with checkpoint.json last. The two newest complete checkpoints are kept (older ones
 * are deleted), so a crash at any moment leaves a complete one, and a checkpoint whose weights turn out to
 * diverge can be dropped for the one before. A checkpoint only resumes a run with the same settings, but
 * for {@link Setting.Role#ADJUSTABLE adjustable} ones (a smaller learning rate after a divergence, more
 * iterations) and {@link Setting.Role#RUNTIME runtime} ones.
 */
public final class CheckpointStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final String MARKER = "checkpoint.json";
    static final String STATE = "state.safetensors";
    private static final String PREFIX = "checkpoint-";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings a resumed run may change: the learning rate (after a divergence) and the iterations. */
    private static final Set<String> ADJUSTABLE = TrainingSpec.keys(Setting.Role.ADJUSTABLE);
    /** Settings of speed, rounding or the log, which a resumed run may change silently. */
    private static final Set<String> RUNTIME = TrainingSpec.keys(Setting.Role.RUNTIME);
    /** The key of the hash of the cached training rows in the settings. */
    static final String DATA_HASH = "dataHash";
    private static final int KEEP = 2;
    private static final String OPTIMIZER = "optimizer.";
    private static final String LISTENER = "listener.";

    private final Path dir;
    private final Configuration conf;
    private final JsonNode settings;
    private CheckpointLock lock;

    /**
     * @param settings the run's settings; a checkpoint made with other settings is refused
     */
    public CheckpointStore(String dir, Configuration conf, JsonNode settings) {
        this.dir = new Path(dir);
        this.conf = conf;
        try {
            // as it reads back from checkpoint.json (no POJO nodes), so that equal settings compare equal
            this.settings = JSON.readTree(JSON.writeValueAsString(settings));
        } catch (IOException e) {
            throw new IllegalArgumentException("settings are not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the directory for this run alone ({@link CheckpointLock}) until {@link #close}.
     *
     * @throws io.github.sparkprop.SettingException when another run holds it
     */
    void lock() {
        lock = CheckpointLock.acquire(dir.toString(), conf);
    }

    /** Gives the directory up to other runs. */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /** Writes the state as the newest checkpoint and deletes the older ones. */
    public void save(TrainingState state) {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weights", vector(state.weights()));
        state.optimizer().forEach((name, values) -> tensors.put(OPTIMIZER + name, vector(values)));
        state.listeners().forEach((name, values) -> tensors.put(LISTENER + name, vector(values)));
        ObjectNode json = JSON.createObjectNode();
        json.put("format", "sparkprop-checkpoint");
        json.put("iteration", state.iteration());
        json.set("settings", settings);
        if (state.stopReason() != null) {
            json.put("stopReason", state.stopReason());
        }
        ArrayNode history = json.putArray("history");
        for (IterationRecord r : state.history()) {
            history.addArray().add(r.iteration()).add(r.cost()).add(r.loss()).add(r.gradientNorm()).add(r.samples())
                    .add(r.seconds()).add(r.validationLoss()).add(r.validationAccuracy()).add(r.validationRmse());
        }
        Path target = new Path(dir, String.format("%s%08d", PREFIX, state.iteration()));
        try {
            AtomicDirectory.write(target, Map.of(STATE, Safetensors.write(tensors)), MARKER,
                    JSON.writeValueAsBytes(json), conf);
            List<Path> complete = complete();
            for (Path old : complete.subList(Math.min(KEEP, complete.size()), complete.size())) {
                AtomicDirectory.fileSystem(old, conf).delete(old, true);
            }
        } catch (IOException e) {
            throw new InputException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the checkpoint of an iteration (one whose weights turned out to diverge), if there is one,
     * leaving the one before it as the newest.
     */
    public void discard(int iteration) {
        Path checkpoint = new Path(dir, String.format("%s%08d", PREFIX, iteration));
        try {
            FileSystem fs = AtomicDirectory.fileSystem(checkpoint, conf);
            if (fs.exists(checkpoint)) {
                fs.delete(checkpoint, true);
                LOG.info("deleted checkpoint {}: its weights diverge", checkpoint);
            }
        } catch (IOException e) {
            throw new InputException("cannot delete checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** The complete checkpoints, newest first. */
    private List<Path> complete() throws IOException {
        FileSystem fs = AtomicDirectory.fileSystem(dir, conf);
        List<Path> complete = new ArrayList<>();
        if (fs.exists(dir)) {
            for (FileStatus status : fs.listStatus(dir, p -> p.getName().startsWith(PREFIX))) {
                if (fs.exists(new Path(status.getPath(), MARKER))) {
                    complete.add(status.getPath());
                }
            }
        }
        complete.sort((a, b) -> Integer.compare(iterationOf(b), iterationOf(a)));
        return complete;
    }

    /** The iteration of the newest complete checkpoint, or -1 when there is none (or it cannot be told). */
    public int newest() {
        try {
            List<Path> complete = complete();
            return complete.isEmpty() ? -1 : iterationOf(complete.get(0));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether the directory holds any checkpoint (complete or not). */
    public boolean hasCheckpoints() {
        try {
            FileSystem fs = AtomicDirectory.fileSystem(dir, conf);
            return fs.exists(dir) && fs.listStatus(dir, p -> p.getName().startsWith(PREFIX)).length > 0;
        } catch (IOException e) {
            throw new InputException("cannot read checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every checkpoint in the directory (a new run replaces an earlier one's). */
    public void deleteAll() {
        try {
            FileSystem fs = AtomicDirectory.fileSystem(dir, conf);
            for (FileStatus status : fs.listStatus(dir, p -> p.getName().startsWith(PREFIX))) {
                fs.delete(status.getPath(), true);
            }
        } catch (IOException e) {
            throw new InputException("cannot delete checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest complete checkpoint that can be read, or null when the directory holds none; a damaged one
     * (unreadable, incomplete, or not of {@code parameters} weights) is passed over for the one before.
     *
     * @throws InputException when it was made with other settings or the directory cannot be read
     */
    public TrainingState loadLatest(int parameters) {
        List<Path> complete;
        try {
            complete = complete();
        } catch (IOException e) {
            throw new InputException("cannot read checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        String newestProblem = null;
        for (Path checkpoint : complete) {
            try {
                return read(checkpoint, parameters);
            } catch (InputException e) {
                if (!(e instanceof ModelFormatException)) {
                    throw e; // made with other settings: no older checkpoint of this directory is of use either
                }
                newestProblem = newestProblem == null ? checkpoint + ": " + e.getMessage() : newestProblem;
                LOG.warn("cannot read checkpoint {} ({}); trying the one before", checkpoint, e.getMessage());
            } catch (IOException | RuntimeException e) {
                String problem = e.toString();
                newestProblem = newestProblem == null ? checkpoint + ": " + problem : newestProblem;
                LOG.warn("cannot read checkpoint {} ({}); trying the one before", checkpoint, problem);
            }
        }
        if (newestProblem != null) {
            throw new InputException("none of the " + complete.size() + " checkpoints in " + dir + " can be read "
                    + "(the newest, " + newestProblem + "); remove them, or start again with {overwrite}");
        }
        return null;
    }

    private TrainingState read(Path checkpoint, int parameters) throws IOException {
        JsonNode json = JSON.readTree(AtomicDirectory.read(new Path(checkpoint, MARKER), conf));
        JsonNode saved = json.get("settings");
        String fixed = differences(saved, settings, false);
        if (!fixed.isEmpty()) {
            throw new InputException("the checkpoint " + checkpoint + " was made with other settings (" + fixed
                    + "); resume with the same settings, or use another {checkpointDir}");
        }
        if (!java.util.Objects.equals(saved.get(DATA_HASH), settings.get(DATA_HASH))) {
            throw new InputException("the checkpoint " + checkpoint + " was made from other data (the rows read now "
                    + "differ: " + DATA_HASH + " checkpoint " + saved.get(DATA_HASH) + ", now " + settings.get(DATA_HASH)
                    + "); resume with the same data, or use another {checkpointDir}");
        }
        String adjusted = differences(saved, settings, true);
        if (!adjusted.isEmpty()) {
            LOG.warn("resuming with changed settings: {}", adjusted);
        }
        Map<String, Safetensors.Tensor> tensors = Safetensors.read(
                AtomicDirectory.read(new Path(checkpoint, STATE), conf), checkpoint + "/" + STATE);
        List<IterationRecord> history = new ArrayList<>();
        for (JsonNode r : json.get("history")) {
            history.add(new IterationRecord(r.get(0).asInt(), r.get(1).asDouble(), r.get(2).asDouble(),
                    r.get(3).asDouble(), r.get(4).asLong(), r.get(5).asDouble(), r.get(6).asDouble(),
                    r.get(7).asDouble(), r.get(8).asDouble()));
        }
        int iteration = json.get("iteration").asInt(-1);
        if (iteration < 0 || iteration == Integer.MAX_VALUE) {
            throw new ModelFormatException("iteration " + json.get("iteration") + " is not one a run reaches");
        }
        double[] weights = tensors.get("weights").values();
        if (weights.length != parameters) {
            throw new ModelFormatException("it holds " + weights.length + " weights for a network of " + parameters);
        }
        LOG.info("resuming from {} (iteration {})", checkpoint, iteration);
        return new TrainingState(iteration, weights, prefixed(tensors, OPTIMIZER), history, prefixed(tensors, LISTENER),
                json.hasNonNull("stopReason") ? json.get("stopReason").asText() : null);
    }

    /** The tensors whose names start with a prefix, by the rest of their names. */
    private static Map<String, double[]> prefixed(Map<String, Safetensors.Tensor> tensors, String prefix) {
        Map<String, double[]> named = new HashMap<>();
        tensors.forEach((name, tensor) -> {
            if (name.startsWith(prefix)) {
                named.put(name.substring(prefix.length()), tensor.values());
            }
        });
        return named;
    }

    /**
     * "key: checkpoint A, now B" for every setting that differs, among the adjustable ones or the decisive ones (the
     * data hash apart: the data are compared after the settings that decide how they are read and cached).
     */
    private static String differences(JsonNode saved, JsonNode now, boolean adjustable) {
        Set<String> keys = new TreeSet<>();
        saved.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(keys::add);
        keys.removeAll(RUNTIME);
        keys.remove(DATA_HASH);
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            if (ADJUSTABLE.contains(key) == adjustable && !Objects.equals(saved.get(key), now.get(key))) {
                differences.add(key + ": checkpoint " + saved.get(key) + ", now " + now.get(key));
            }
        }
        return String.join("; ", differences);
    }

    /**
     * The settings that name a run: its settings but the adjustable and runtime ones (for a directory per run,
     * which the same run again, or longer, finds).
     */
    static ObjectNode identity(ObjectNode settings) {
        ObjectNode fixed = settings.deepCopy();
        fixed.remove(ADJUSTABLE);
        fixed.remove(RUNTIME);
        return fixed;
    }

    private static Safetensors.Tensor vector(double[] values) {
        return new Safetensors.Tensor(new long[] {values.length}, values);
    }

    private static int iterationOf(Path checkpoint) {
        try {
            return Integer.parseInt(checkpoint.getName().substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
