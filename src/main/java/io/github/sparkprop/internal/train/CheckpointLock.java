package io.github.sparkprop.internal.train;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.model.AtomicDirectory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per checkpoint directory: a lock file ({@value #NAME}) made only if there is none (an atomic create
 * on HDFS and local disks) that names its owner (host, process, start) and that the owner touches every
 * {@value #HEARTBEAT_SECONDS} seconds while it runs. A second run on the directory, resuming or not, is refused
 * naming the owner. A lock whose owner is a process of this host that has ended (killed, crashed) is taken over at
 * once; one of another host is taken over once untouched for {@value #STALE_SECONDS} seconds, and waited for until
 * then. Closing stops the heartbeat and removes the lock.
 */
final class CheckpointLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLock.class);
    static final String NAME = ".lock";
    static final int HEARTBEAT_SECONDS = 10;
    static final int STALE_SECONDS = 60;
    /** What a lock file says: "process PID on HOST, started INSTANT". */
    private static final Pattern OWNER = Pattern.compile("process (\\d+) on (.+), started (\\S+)");

    private final FileSystem fs;
    private final Path lock;
    private final ScheduledExecutorService heartbeat;

    private CheckpointLock(FileSystem fs, Path lock) {
        this.fs = fs;
        this.lock = lock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sparkprop checkpoint lock " + lock);
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::touch, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Takes the directory's lock.
     *
     * @throws SettingException when another run that is alive holds it
     */
    static CheckpointLock acquire(String dir, Configuration conf) {
        Path lock = new Path(dir, NAME);
        try {
            FileSystem fs = AtomicDirectory.fileSystem(lock, conf);
            fs.mkdirs(lock.getParent());
            if (!create(fs, lock)) {
                String owner = awaitDeadOrSilent(fs, lock, conf);
                if (owner != null) {
                    throw new SettingException("checkpointDir", "{checkpointDir} " + dir + " is in use by another "
                            + "run (" + owner + "); wait for it to end, or give another {checkpointDir}");
                }
                fs.delete(lock, false);
                if (!create(fs, lock)) {
                    throw new SettingException("checkpointDir", "{checkpointDir} " + dir + " was just taken by "
                            + "another run; give another {checkpointDir}");
                }
            }
            return new CheckpointLock(fs, lock);
        } catch (IOException e) {
            throw new SettingException("checkpointDir", "cannot lock {checkpointDir} " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Null once the lock's owner is known dead (a process of this host that is gone) or has been silent for
     * {@value #STALE_SECONDS} seconds (a crashed run elsewhere: waited for, as a retried YARN driver must); the
     * owner while it is alive.
     */
    private static String awaitDeadOrSilent(FileSystem fs, Path lock, Configuration conf) throws IOException {
        while (true) {
            FileStatus held;
            String owner;
            try {
                held = fs.getFileStatus(lock);
                owner = new String(AtomicDirectory.read(lock, conf), StandardCharsets.UTF_8).strip();
            } catch (FileNotFoundException e) {
                return null; // given up meanwhile
            }
            long silent = (System.currentTimeMillis() - held.getModificationTime()) / 1000;
            Matcher named = OWNER.matcher(owner);
            boolean here = named.matches() && named.group(2).equals(host());
            if (here && !alive(Long.parseLong(named.group(1)), named.group(3)) || silent >= STALE_SECONDS) {
                LOG.warn("taking over the lock of {}: its owner ({}) {}", lock.getParent(), owner,
                        silent >= STALE_SECONDS ? "gave no sign of life for " + silent + " s" : "has ended");
                return null;
            }
            if (here) {
                return owner;
            }
            LOG.info("{} is locked by {}: waiting for it to end or fall silent", lock.getParent(), owner);
            try {
                Thread.sleep(1000L * HEARTBEAT_SECONDS / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return owner;
            }
        }
    }

    /** Whether the process of this host with that id is the one that started then. */
    private static boolean alive(long pid, String started) {
        try {
            long then = Instant.parse(started).toEpochMilli();
            return ProcessHandle.of(pid).flatMap(process -> process.info().startInstant())
                    .map(start -> Math.abs(start.toEpochMilli() - then) < 2000).orElse(false);
        } catch (DateTimeParseException e) {
            return false; // not a lock this class wrote
        }
    }

    /** Makes the lock file, naming this process; false when one is there. */
    private static boolean create(FileSystem fs, Path lock) throws IOException {
        String owner = "process " + ProcessHandle.current().pid() + " on " + host() + ", started "
                + ProcessHandle.current().info().startInstant().orElse(
                        Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        try {
            AtomicDirectory.writeFile(fs, lock, owner.getBytes(StandardCharsets.UTF_8), false);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "an unknown host";
        }
    }

    /** The owner's sign of life: the lock's modification time, now. */
    private void touch() {
        try {
            fs.setTimes(lock, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            LOG.warn("cannot touch the checkpoint lock {}: {}", lock, e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            fs.delete(lock, false);
        } catch (IOException e) {
            LOG.warn("cannot remove the checkpoint lock {}: {}", lock, e.getMessage());
        }
    }
}
