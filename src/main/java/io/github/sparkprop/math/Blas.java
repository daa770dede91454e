package io.github.sparkprop.math;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The BLAS Spark itself uses (dev.ludovic.netlib), chosen in this order: a library named with
 * {@code -Ddev.ludovic.netlib.blas.nativeLib[Path]}; the system's BLAS ({@code libblas.so.3}, where the dynamic
 * linker finds it: LD_LIBRARY_PATH and its cache); the OpenBLAS carried in the application jar
 * ({@link BundledOpenBlas}); netlib's Java implementation. {@code -Dsparkprop.blas=java} takes the Java
 * implementation whatever the machine has (for comparisons). netlib's own native loader prints a line to
 * standard error when the machine has no BLAS library, so the system's library is looked for first.
 */
public final class Blas {

    /** The system property that chooses the Java implementation ({@code java}) over any native one. */
    public static final String CHOICE = "sparkprop.blas";

    private static final String NATIVE_LIB = "dev.ludovic.netlib.blas.nativeLib";
    private static final String NATIVE_LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

    private static final Choice INSTANCE = choose();

    private Blas() {
    }

    /**
     * The BLAS implementation for this JVM.
     *
     * @return the implementation chosen once, when this class is initialised, in the order of the class comment
     */
    public static BLAS get() {
        return INSTANCE.blas();
    }

    /**
     * The implementation, e.g. "JNIBLAS (system libblas.so.3)", "JNIBLAS (bundled OpenBLAS 0.3.31)",
     * "VectorBLAS" or "Java11BLAS".
     *
     * @return the simple class name of {@link #get()}'s implementation, followed for a native one by the library
     *         it calls in parentheses
     */
    public static String implementation() {
        String name = INSTANCE.blas().getClass().getSimpleName();
        return INSTANCE.library() == null ? name : name + " (" + INSTANCE.library() + ")";
    }

    /**
     * Whether GEMMs run in native code.
     *
     * @return true when {@link #get()} is one of netlib's native implementations (a {@code NativeBLAS})
     */
    public static boolean isNative() {
        return INSTANCE.blas() instanceof NativeBLAS;
    }

    /** A BLAS and, for a native one, the library it calls. */
    private record Choice(BLAS blas, String library) {
    }

    private static Choice choose() {
        if ("java".equals(System.getProperty(CHOICE))) {
            return new Choice(javaBlas(), null);
        }
        String path = System.getProperty(NATIVE_LIB_PATH);
        if (path != null) {
            return described(BLAS.getInstance(), path);
        }
        Path cache = Path.of("/etc/ld.so.cache");
        String name = System.getProperty(NATIVE_LIB, "libblas.so.3");
        if (Files.isReadable(cache) && linkable(name, cache)) {
            return described(BLAS.getInstance(), "system " + name);
        }
        String bundled = BundledOpenBlas.load();
        if (bundled != null) {
            System.setProperty(NATIVE_LIB_PATH, bundled);
            BLAS blas = BLAS.getInstance();
            if (blas instanceof NativeBLAS) {
                return new Choice(blas, "bundled OpenBLAS " + BundledOpenBlas.VERSION);
            }
            System.clearProperty(NATIVE_LIB_PATH);
        }
        return new Choice(javaBlas(), null);
    }

    private static Choice described(BLAS blas, String library) {
        return new Choice(blas, blas instanceof NativeBLAS ? library : null);
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
