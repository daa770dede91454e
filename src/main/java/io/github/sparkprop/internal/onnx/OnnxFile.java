package io.github.sparkprop.internal.onnx;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.model.AtomicDirectory;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes an exported file to any Hadoop file system so that a crash never leaves a partial one under its name:
 * to a hidden temporary file beside it, then renamed.
 */
public final class OnnxFile {

    private OnnxFile() {
    }

    /**
     * Fails, before anything is computed, when the output exists and may not be replaced (or is a directory),
     * or its directory cannot be written.
     */
    public static void checkWritable(String output, boolean overwrite, Configuration conf) {
        try {
            Path path = new Path(output);
            FileSystem fs = AtomicDirectory.fileSystem(path, conf);
            if (fs.exists(path)) {
                if (fs.getFileStatus(path).isDirectory()) {
                    throw new InputException("output " + output + " is a directory; give the file to write, e.g. "
                            + new Path(path, "model.onnx"));
                }
                if (!overwrite) {
                    throw new InputException("output " + output + " already exists; use {overwrite} to replace it");
                }
            }
            AtomicDirectory.probeWritable(path, conf);
        } catch (IOException e) {
            throw new InputException("cannot write output " + output + ": " + e.getMessage(), e);
        }
    }

    /** Writes the bytes to {@code output}, replacing a file there when {@code overwrite}. */
    public static void write(byte[] bytes, String output, boolean overwrite, Configuration conf) {
        checkWritable(output, overwrite, conf);
        Path target = new Path(output);
        Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            FileSystem fs = AtomicDirectory.fileSystem(target, conf);
            AtomicDirectory.writeFile(fs, temporary, bytes, false);
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
        } catch (IOException e) {
            throw new InputException("cannot write output " + output + ": " + e.getMessage(), e);
        } finally {
            AtomicDirectory.deleteQuietly(temporary, conf); // after a rename there is nothing left to remove
        }
    }
}
