package io.github.sparkprop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Small CSV files for tests. */
public final class Csv {

    private Csv() {
    }

    /** Writes the lines to dir/name and returns the path as a string. */
    public static String write(Path dir, String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.write(file, List.of(lines));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * rows samples of three Gaussian blobs in `features` dimensions, label 0..2 first: label,x0,x1,...
     * (not separable, so the problem has one optimum).
     */
    public static String blobs(Path dir, String name, int rows, int features, long seed) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder("label");
        for (int i = 0; i < features; i++) {
            s.append(",x").append(i);
        }
        s.append('\n');
        for (int r = 0; r < rows; r++) {
            int label = random.nextInt(3);
            s.append(label);
            for (int i = 0; i < features; i++) {
                s.append(',').append(label * (i % 2 == 0 ? 1.0 : -0.5) + random.nextGaussian());
            }
            s.append('\n');
        }
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, s);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
