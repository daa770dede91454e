package io.github.sparkprop.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a directory of files so that a crash never leaves something that looks complete: the files go to
 * a temporary sibling directory, which is renamed into place, and only then is the marker file written
 * into it; a directory without its marker is incomplete. On a file system whose rename is a copy (object
 * stores) the marker still comes last. Works on any Hadoop file system; on Hadoop's local file system
 * without the client-side .crc files, so that the directory holds exactly its files.
 */
public final class AtomicDirectory {

    private AtomicDirectory() {
    }

    /**
     * The file system of a path, without the .crc files of Hadoop's checksummed local file system (a file
     * edited by hand, such as a model.json, must still load).
     */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    /**
     * Writes {@code files} into {@code target} (replacing an existing target) and then {@code marker}.
     *
     * @param files  file name -&gt; bytes, written first
     * @param marker the file written last, whose presence marks the directory complete
     */
    public static void write(Path target, Map<String, byte[]> files, String marker, byte[] markerBytes,
            Configuration conf) throws IOException {
        FileSystem fs = fileSystem(target, conf);
        Path qualified = fs.makeQualified(target);
        Path temporary = new Path(qualified.getParent(), "." + qualified.getName() + ".tmp-" + UUID.randomUUID());
        fs.mkdirs(temporary);
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                writeFile(fs, new Path(temporary, file.getKey()), file.getValue());
            }
            if (fs.exists(qualified) && !fs.delete(qualified, true)) {
                throw new IOException("cannot delete the existing " + qualified);
            }
            if (!fs.rename(temporary, qualified)) {
                throw new IOException("cannot rename " + temporary + " to " + qualified);
            }
        } finally {
            if (fs.exists(temporary)) {
                fs.delete(temporary, true);
            }
        }
        writeFile(fs, new Path(qualified, marker), markerBytes);
    }

    /**
     * Fails unless a directory can be made beside {@code target}: one is made and removed again.
     *
     * @throws IOException naming what cannot be written
     */
    public static void probeWritable(Path target, Configuration conf) throws IOException {
        FileSystem fs = fileSystem(target, conf);
        Path qualified = fs.makeQualified(target);
        Path probe = new Path(qualified.getParent(), "." + qualified.getName() + ".probe-" + UUID.randomUUID());
        if (!fs.mkdirs(probe)) {
            throw new IOException("cannot create " + probe);
        }
        fs.delete(probe, true);
    }

    /**
     * The bytes of one file of a directory.
     *
     * @throws FileNotFoundException when it does not exist
     */
    public static byte[] read(Path file, Configuration conf) throws IOException {
        try (InputStream in = fileSystem(file, conf).open(file)) {
            return in.readAllBytes();
        }
    }

    private static void writeFile(FileSystem fs, Path file, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }
}
