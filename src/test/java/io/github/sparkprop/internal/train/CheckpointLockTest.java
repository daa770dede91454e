package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.InputException;
import io.github.sparkprop.SettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per checkpoint directory: a second run is refused naming the owner, the lock is free again once the
 * first closes, a crashed run's silent lock is taken over; and checkpoints that are there but cannot be read are
 * an error, not "no checkpoint yet".
 */
class CheckpointLockTest {

    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    @Test
    void aSecondRunIsRefusedUntilTheFirstEnds() {
        String checkpoints = dir.resolve("checkpoints").toString();
        try (CheckpointLock first = CheckpointLock.acquire(checkpoints, CONF)) {
            SettingException refused = assertThrows(SettingException.class,
                    () -> CheckpointLock.acquire(checkpoints, CONF));
            assertEquals("checkpointDir", refused.setting());
            assertTrue(refused.getMessage().contains(checkpoints + " is in use by another run (process "
                    + ProcessHandle.current().pid() + " on "), refused.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("checkpoints").resolve(CheckpointLock.NAME)), "the lock is removed");
        CheckpointLock.acquire(checkpoints, CONF).close();
    }

    @Test
    void aCrashedRunsSilentLockIsTakenOver() throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("crashed"));
        Path lock = Files.writeString(checkpoints.resolve(CheckpointLock.NAME), "process 1 on elsewhere, started then");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(CheckpointLock.STALE_SECONDS + 5)));
        try (CheckpointLock taken = CheckpointLock.acquire(checkpoints.toString(), CONF)) {
            assertTrue(Files.readString(lock).startsWith("process " + ProcessHandle.current().pid() + " on "));
        }
    }

    /** A run killed on this host (kill -9 leaves its lock) is resumed at once: its process is gone. */
    @Test
    void theLockOfAProcessOfThisHostThatEndedIsTakenOverAtOnce() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path checkpoints = Files.createDirectories(dir.resolve("killed"));
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Path lock = Files.writeString(checkpoints.resolve(CheckpointLock.NAME), "process " + ended.pid() + " on "
                + host + ", started " + Instant.now().minusSeconds(5));
        try (CheckpointLock taken = CheckpointLock.acquire(checkpoints.toString(), CONF)) {
            assertTrue(Files.readString(lock).startsWith("process " + ProcessHandle.current().pid() + " on "));
        }
    }

    @Test
    void checkpointsThatCannotBeReadAreNotNone() throws IOException {
        Path checkpoint = Files.createDirectories(dir.resolve("damaged").resolve("checkpoint-00000005"));
        Files.writeString(checkpoint.resolve(CheckpointStore.MARKER), "{ not json");
        Files.writeString(checkpoint.resolve(CheckpointStore.STATE), "nor this");
        CheckpointStore store = new CheckpointStore(dir.resolve("damaged").toString(), CONF,
                new ObjectMapper().createObjectNode());
        String message = assertThrows(InputException.class, () -> store.loadLatest(3)).getMessage();
        assertTrue(message.startsWith("none of the 1 checkpoints in ") && message.contains("checkpoint-00000005"),
                message);
    }
}
