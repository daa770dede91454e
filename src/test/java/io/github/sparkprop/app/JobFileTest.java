package io.github.sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkprop.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Job files are read as UTF-8 and nothing in them is ignored: bytes that are not UTF-8, a key given twice and a
 * key that means nothing in a job file are refused, naming the file, the line and the key.
 */
class JobFileTest {

    @TempDir
    Path dir;

    private Properties read(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        String[] args = {"train", "--config", file.toString()};
        return JobFile.read(new CommandLine(new SparkPropCommand()), args, JobFile.named(args));
    }

    private String refusal(String name, String text) {
        return assertThrows(InputException.class, () -> read(name, text.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }

    @Test
    void aPathWithAccentsIsReadAsWritten() throws IOException {
        Properties job = read("accents.properties", "# données météo\ninput=données/météo.csv\nlabel=temps\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("données/météo.csv", job.getProperty("input"));
        assertEquals("temps", job.getProperty("label"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLine() {
        Path file = dir.resolve("latin1.properties");
        String message = assertThrows(InputException.class, () -> read("latin1.properties",
                "label=weather\ninput=donn\u00e9es.csv\n".getBytes(StandardCharsets.ISO_8859_1))).getMessage();
        assertEquals("--config file " + file + " line 2 is not UTF-8 text (byte 25); save the job file as UTF-8",
                message);
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithBothLines() {
        Path file = dir.resolve("twice.properties");
        assertEquals("key 'hidden' is given twice in --config file " + file + " (lines 2 and 4); give each option "
                + "once", refusal("twice.properties", "input=data/iris.csv\nhidden=16\nlabel=species\nhidden = 32\n"));
    }

    @Test
    void aKeyThatMeansNothingInAJobFileIsRefused() {
        Path file = dir.resolve("config.properties");
        assertEquals("key 'config' in --config file " + file + " line 2 means nothing in a job file; give "
                + "--config on the command line", refusal("config.properties", "input=data/iris.csv\n"
                        + "config=other.properties\n"));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKeysThereAre() {
        Path file = dir.resolve("typo.properties");
        String message = refusal("typo.properties", "input=data/iris.csv\n\nhiden=16\n");
        assertEquals("unknown key 'hiden' in --config file " + file + " line 3; keys are the options of 'train' "
                + "without dashes: ", message.substring(0, message.indexOf(": ") + 2));
    }
}
