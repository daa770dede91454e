package io.github.sparkprop.internal.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.train.TrainingSpec.Checkpoints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run's {@link Checkpoints} mean: the store (a directory, or one per run), what to do with an earlier run's
 * checkpoints there, and where the run starts. A checkpoint belongs to the settings and the data (a hash of the
 * cached rows): resuming with either changed is refused.
 */
final class CheckpointPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPolicy.class);

    private CheckpointPolicy() {
    }

    /**
     * The store of the spec's checkpoints, locked for this run (close it when the run ends), or null without a
     * directory; the data hash joins the settings.
     *
     * @param settings the run's settings, as recorded (the data hash is added)
     * @throws SettingException for a directory with an earlier run's checkpoints that the spec does not resume
     */
    static CheckpointStore open(Checkpoints policy, ObjectNode settings, JavaRDD<SampleBlock> blocks,
            Configuration conf) {
        if (policy.dir() == null) {
            return null;
        }
        settings.put(CheckpointStore.DATA_HASH, blocks.map(SampleBlock::contentHash).reduce(Long::sum));
        String dir = policy.mode() == Checkpoints.Mode.PER_RUN ? runDirectory(policy.dir(), settings) : policy.dir();
        CheckpointStore store = new CheckpointStore(dir, conf, settings);
        store.lock();
        try {
            if (store.hasCheckpoints() && policy.mode() == Checkpoints.Mode.NEW) {
                throw new SettingException("checkpointDir", "{checkpointDir} " + dir + " holds checkpoints of an "
                        + "earlier run; add {resume} to continue it, or {overwrite} to start again");
            }
            if (store.hasCheckpoints() && policy.mode() == Checkpoints.Mode.REPLACE) {
                store.deleteAll();
            }
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Where the run starts: its latest checkpoint when it resumes and has one, else the initial weights. */
    static TrainingState startingPoint(Checkpoints policy, CheckpointStore store, int parameters, double[] initial) {
        boolean resume = store != null
                && (policy.mode() == Checkpoints.Mode.RESUME || policy.mode() == Checkpoints.Mode.PER_RUN);
        TrainingState state = resume ? store.loadLatest(parameters) : null;
        if (resume && state == null && policy.mode() == Checkpoints.Mode.RESUME) {
            LOG.info("no checkpoint in {} yet: starting from iteration 1", policy.dir());
        }
        return state != null ? state : TrainingState.start(initial);
    }

    /**
     * The directory of one run under dir: named after its settings and data but the adjustable and runtime ones, so
     * that runs of other settings or data never resume each other, and the same run again (or longer) resumes.
     */
    private static String runDirectory(String dir, ObjectNode settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CheckpointStore.identity(settings).toString().getBytes(StandardCharsets.UTF_8));
            return new Path(dir, "run-" + HexFormat.of().formatHex(digest, 0, 8)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
