package io.github.sparkprop.testing;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A local file system on a full disk, for tests, as the scheme {@code full:} (registered through
 * {@code META-INF/services/org.apache.hadoop.fs.FileSystem} of the test class path): directories are made,
 * listed, renamed and removed as on the local file system, but every file is created on {@code /dev/full}, so
 * that its writes fail as on a full disk, with the real "No space left on device" in the FSError Hadoop's local
 * file system throws.
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {

    /** The scheme, as in {@code full:///tmp/model}. */
    public static final String SCHEME = "full";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        mkdirs(f.getParent());
        return super.create(new Path("/dev/full"), permission, true, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        mkdirs(f.getParent());
        return super.create(new Path("/dev/full"), true, bufferSize, replication, blockSize, progress);
    }

    /** The path of a local file on this file system: full:///... */
    public static String of(java.nio.file.Path local) {
        return SCHEME + "://" + local.toAbsolutePath();
    }
}
