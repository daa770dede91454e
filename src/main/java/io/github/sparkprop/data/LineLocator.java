package io.github.sparkprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Finds the line of a file that holds its N-th record, for error messages: Spark's CSV reader passes over
 * blank lines, so a record's index is not its line number. Only used once a bad row has been found.
 */
final class LineLocator {

    private LineLocator() {
    }

    /**
     * The 1-based line number of data record {@code record} (0-based, header excluded) of a file, reading
     * compressed files through their codec; -1 when the file cannot be read or is shorter.
     *
     * @param file     the file's URI, as Spark names it
     * @param comments whether lines starting with # are comments that hold no record (LibSVM)
     */
    static long lineOf(Configuration conf, String file, long record, boolean header, boolean comments) {
        Path path;
        try {
            path = new Path(new URI(file));
        } catch (URISyntaxException e) {
            return -1;
        }
        try (InputStream raw = path.getFileSystem(conf).open(path)) {
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            InputStream in = codec == null ? raw : codec.createInputStream(raw);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            long line = 0;
            long seen = header ? -1 : 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank() || (comments && text.stripLeading().startsWith("#"))) {
                    continue;
                }
                if (seen == record) {
                    return line;
                }
                seen++;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
