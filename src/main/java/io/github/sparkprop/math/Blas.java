package io.github.sparkprop.math;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The BLAS Spark itself uses (dev.ludovic.netlib): native when the machine has one, else Java. netlib's
 * native loader prints a line to standard error when the machine has no BLAS library, so on Linux the
 * library is looked for first (where the dynamic linker looks: LD_LIBRARY_PATH and its cache), and without
 * one the Java implementation is taken directly.
 */
public final class Blas {

    private static final BLAS INSTANCE = choose();

    private Blas() {
    }

    /** The BLAS implementation for this JVM. */
    public static BLAS get() {
        return INSTANCE;
    }

    /** The implementation's name, e.g. JNIBLAS (native), VectorBLAS or Java11BLAS. */
    public static String implementation() {
        return INSTANCE.getClass().getSimpleName();
    }

    private static BLAS choose() {
        Path cache = Path.of("/etc/ld.so.cache");
        if (System.getProperty("dev.ludovic.netlib.blas.nativeLibPath") != null || !Files.isReadable(cache)) {
            return BLAS.getInstance(); // a library named by path, or not a glibc system: let netlib decide
        }
        String name = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        return linkable(name, cache) ? BLAS.getInstance() : javaBlas();
    }

    /**
     * netlib's best Java implementation, without its instance builder (which tries the native library first):
     * VectorBLAS where the JVM has the Vector API, else Java11BLAS. Their classes are not public, so they are
     * reached by name; should that fail, netlib chooses as usual.
     */
    private static BLAS javaBlas() {
        for (String name : new String[] {"dev.ludovic.netlib.blas.VectorBLAS", "dev.ludovic.netlib.blas.Java11BLAS"}) {
            try {
                java.lang.reflect.Method instance = Class.forName(name).getMethod("getInstance");
                instance.setAccessible(true);
                return (BLAS) instance.invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // not usable on this JVM (no Vector API): the next one
            }
        }
        return JavaBLAS.getInstance();
    }

    /** Whether the dynamic linker would find a library of this name: a path, in LD_LIBRARY_PATH, or cached. */
    private static boolean linkable(String name, Path cache) {
        if (name.contains("/")) {
            return new File(name).exists();
        }
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            for (String dir : libraryPath.split(":")) {
                if (!dir.isEmpty() && new File(dir, name).exists()) {
                    return true;
                }
            }
        }
        try {
            // the cache lists every library it knows by name, each followed by a NUL
            return new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1).contains(name + '\0');
        } catch (IOException e) {
            return true;
        }
    }
}
