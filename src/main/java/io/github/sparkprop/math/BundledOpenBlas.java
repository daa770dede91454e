package io.github.sparkprop.math;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS as JavaCPP builds it for Linux (x86-64, ARM64) and macOS (x86-64, ARM64), carried in the application
 * jar, so that a machine without a system BLAS still runs its GEMMs natively: JavaCPP extracts the library to
 * its cache directory ({@code ~/.javacpp/cache}, or {@code -Dorg.bytedeco.javacpp.cachedir}) and loads it,
 * OpenBLAS is told to use one thread per call (Spark runs one task per core), and netlib's JNI then opens the
 * same file, as it opens a system OpenBLAS.
 */
final class BundledOpenBlas {

    /** The OpenBLAS version of the bundled build. */
    static final String VERSION = "0.3.31";

    private BundledOpenBlas() {
    }

    /**
     * Loads the bundled OpenBLAS, if this platform has one, with one thread per call.
     *
     * @return the path of the OpenBLAS library file, or null when there is none for this platform or it cannot
     *         be loaded (no writable cache directory, a library that does not link here, ...)
     */
    static String load() {
        try {
            String jni = Loader.load(openblas_nolapack.class);
            openblas_nolapack.blas_set_num_threads(1);
            // the library itself, as JavaCPP names it (libopenblas_nolapack.so.0, ...), beside links to it
            File[] libraries = new File(jni).getParentFile().listFiles(file -> file.getName().startsWith("libopenblas")
                    && Files.isRegularFile(file.toPath(), LinkOption.NOFOLLOW_LINKS));
            return libraries == null || libraries.length != 1 ? null : libraries[0].getPath();
        } catch (RuntimeException | LinkageError e) { // no build for this platform, or it does not load here
            return null;
        }
    }
}
