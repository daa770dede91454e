package io.github.sparkprop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looking at other processes of this machine. */
public final class Processes {

    private Processes() {
    }

    /** A process's whole command line (ProcessHandle's stops at 4,096 bytes), or "" once it is gone. */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
