package io.github.sparkprop.internal.model;

import io.github.sparkprop.internal.JvmLimits;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a directory of files so that a crash never leaves something that looks complete: every file,
 * the marker last, goes to a temporary sibling directory ({@code .NAME.tmp-UUID}), which is then renamed into
 * place (an existing target is first renamed aside, and removed after). On a file system that renames
 * atomically (local, HDFS) the directory appears whole or not at all; a crash leaves at most hidden
 * temporary siblings, which the next write of the same target removes. On a
 * file system whose rename is a copy (object stores) a crash during the copy can leave a directory without
 * its marker, holding only files of the writer's own names, which {@link #isLeftover} recognises. Works on any
 * Hadoop file system; on Hadoop's local file system without the client-side .crc files, so that the directory
 * holds exactly its files.
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
     * Writes {@code files} and then {@code marker} into a temporary directory and renames it to {@code target}
     * (replacing an existing target), then removes the temporary directories that crashed writes of the same
     * target left behind.
     *
     * @param files  file name -&gt; bytes, written first
     * @param marker the file written last, whose presence marks the directory complete
     */
    public static void write(Path target, Map<String, byte[]> files, String marker, byte[] markerBytes,
            Configuration conf) throws IOException {
        FileSystem fs = fileSystem(target, conf);
        Path qualified = fs.makeQualified(target);
        Path temporary = new Path(qualified.getParent(), temporaryPrefix(qualified) + UUID.randomUUID());
        fs.mkdirs(temporary);
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                writeFile(fs, new Path(temporary, file.getKey()), file.getValue(), true);
            }
            writeFile(fs, new Path(temporary, marker), markerBytes, true);
            // the existing target is moved aside in one rename, not deleted in place: a recursive delete
            // stopped halfway would leave half of it; what is aside is removed below, or by the next write
            if (fs.exists(qualified)) {
                Path aside = new Path(qualified.getParent(), temporaryPrefix(qualified) + "old-" + UUID.randomUUID());
                if (!fs.rename(qualified, aside)) {
                    throw new IOException("cannot move the existing " + qualified + " aside");
                }
            }
            if (!fs.rename(temporary, qualified)) {
                throw new IOException("cannot rename " + temporary + " to " + qualified);
            }
        } finally {
            if (fs.exists(temporary)) {
                fs.delete(temporary, true);
            }
        }
        for (FileStatus stale : fs.listStatus(qualified.getParent(),
                path -> path.getName().startsWith(temporaryPrefix(qualified)))) {
            fs.delete(stale.getPath(), true);
        }
    }

    /**
     * Removes what a failed write left (a file, or a directory and all below it), if anything; a failure to remove
     * it is left unreported, the write's own error being the one to report.
     */
    public static void deleteQuietly(Path path, Configuration conf) {
        try {
            fileSystem(path, conf).delete(path, true);
        } catch (IOException ignored) {
            // the write's own error is the one to report
        }
    }

    /**
     * Whether two paths are the same or one lies below the other, each qualified on its own file system (scheme,
     * authority, absolute path): one run writing into the other's directory would replace it or be read from it.
     */
    public static boolean overlap(String a, String b, Configuration conf) throws IOException {
        Path first = qualified(new Path(a), conf);
        Path second = qualified(new Path(b), conf);
        return within(first, second) || within(second, first);
    }

    private static Path qualified(Path path, Configuration conf) throws IOException {
        return fileSystem(path, conf).makeQualified(path);
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    private static boolean within(Path path, Path ancestor) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (p.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private static String temporaryPrefix(Path target) {
        return "." + target.getName() + ".tmp-";
    }

    /**
     * Whether a directory is what a crashed {@link #write} can leave behind where rename is a copy: no marker,
     * and nothing but files of the given names (an empty directory included).
     */
    public static boolean isLeftover(Path dir, java.util.Set<String> names, String marker, Configuration conf)
            throws IOException {
        FileSystem fs = fileSystem(dir, conf);
        if (!fs.getFileStatus(dir).isDirectory() || fs.exists(new Path(dir, marker))) {
            return false;
        }
        for (FileStatus file : fs.listStatus(dir)) {
            if (!file.isFile() || !names.contains(file.getPath().getName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fails unless a directory can be made beside {@code target}: one is made and removed again.
     *
     * @throws IOException naming what cannot be written
     */
    public static void probeWritable(Path target, Configuration conf) throws IOException {
        FileSystem fs = fileSystem(target, conf);
        Path qualified = fs.makeQualified(target);
        // named as a temporary directory, so that one a crash leaves behind is removed by the next write
        Path probe = new Path(qualified.getParent(), temporaryPrefix(qualified) + "probe-" + UUID.randomUUID());
        if (!fs.mkdirs(probe)) {
            throw new IOException("cannot create " + probe);
        }
        fs.delete(probe, true);
    }

    /**
     * The bytes of one file of a directory, refused with one line when they are more than one array holds or
     * than the JVM has free.
     *
     * @throws FileNotFoundException when it does not exist
     */
    public static byte[] read(Path file, Configuration conf) throws IOException {
        FileSystem fs = fileSystem(file, conf);
        long length = fs.getFileStatus(file).getLen();
        if (length > JvmLimits.MAX_ARRAY_LENGTH) {
            throw new ModelFormatException(file + " has " + length + " bytes; sparkprop reads model and checkpoint "
                    + "files of up to 2 GB");
        }
        requireMemory(length, file.toString());
        try (InputStream in = fs.open(file)) {
            return in.readNBytes((int) length);
        }
    }

    /** Refuses, with one line, to read something that needs more bytes than the JVM has free. */
    static void requireMemory(long bytes, String what) {
        long free = JvmLimits.freeHeapBytes();
        if (bytes > free) {
            throw new ModelFormatException("reading " + what + " needs about " + (bytes >> 20) + " MB of memory; "
                    + "this JVM has " + (free >> 20) + " MB free (give it more with -Xmx or spark.driver.memory)");
        }
    }

    /**
     * Writes the bytes to a new file (replacing one there when {@code overwrite}). A failed write is an
     * IOException, also on Hadoop's local file system, which reports one (a full disk: "No space left on device")
     * as an FSError, an Error that would otherwise pass every handler of IOException.
     */
    public static void writeFile(FileSystem fs, Path file, byte[] bytes, boolean overwrite) throws IOException {
        try (OutputStream out = fs.create(file, overwrite)) {
            out.write(bytes);
        } catch (FSError e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }
}
