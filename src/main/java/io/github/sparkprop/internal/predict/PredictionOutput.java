package io.github.sparkprop.internal.predict;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.model.AtomicDirectory;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where predictions go, checked before any work: it must be writable, must not hold or be held by the input,
 * and an existing directory is replaced only with --overwrite and only when it is an earlier prediction
 * output (Spark's {@code _SUCCESS} marker) or empty, never other data.
 */
final class PredictionOutput {

    private PredictionOutput() {
    }

    /** @throws InputException naming the problem */
    static void check(String output, boolean overwrite, List<String> inputs, Configuration conf) {
        try {
            Path path = new Path(output);
            FileSystem fs = AtomicDirectory.fileSystem(path, conf);
            for (String input : inputs) {
                if (AtomicDirectory.overlap(output, input, conf)) {
                    throw new InputException("{output} " + output + " and {input} " + input + " overlap; write the "
                            + "predictions elsewhere");
                }
            }
            if (fs.exists(path)) {
                if (!overwrite) {
                    throw new InputException("output " + output + " already exists; use {overwrite} to replace it");
                }
                boolean earlier = fs.exists(new Path(path, "_SUCCESS"));
                boolean empty = fs.getFileStatus(path).isDirectory() && fs.listStatus(path).length == 0;
                if (!earlier && !empty) {
                    throw new InputException("output " + output + " exists and is not an earlier prediction output "
                            + "(no _SUCCESS); {overwrite} only replaces those: choose another {output}");
                }
            }
            AtomicDirectory.probeWritable(path, conf);
        } catch (IOException e) {
            throw new InputException("cannot write output " + output + ": " + e.getMessage(), e);
        }
    }
}
