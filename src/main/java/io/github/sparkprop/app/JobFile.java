package io.github.sparkprop.app;

import io.github.sparkprop.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A job file ({@code --config FILE}): the options of one command as {@code key=value} lines of a Java properties
 * file, read as UTF-8, the keys the options' long names without dashes. The command line wins over the file. A
 * file that is not UTF-8 text, gives a key twice, or holds a key that names no option of the command (or one that
 * means nothing in a job file, as {@code config} itself) is refused with the file, the line and the key: a job
 * file is what a run is reproduced from, and nothing in it may be silently ignored.
 */
final class JobFile {

    /** The largest file read (a job file of options is a few hundred bytes). */
    static final int MAX_BYTES = 1 << 20;
    /** Options that mean nothing in a job file: they choose the file itself, or print instead of running. */
    private static final Set<String> MEANINGLESS = Set.of("config", "help", "version");

    private JobFile() {
    }

    /** The file the arguments name with {@code --config}, or null. */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--config=")) {
                return args[i].substring("--config=".length());
            }
        }
        return null;
    }

    /**
     * The file's keys and values, checked against the options of the command the arguments run.
     *
     * @param cli  the top-level command line
     * @param args the arguments, whose first command word picks the command
     * @param file the job file
     * @return the values by key, for picocli's default provider
     * @throws InputException when the file cannot be read, is not UTF-8 text, gives a key twice or holds a key
     *                        that is no option of the command
     */
    static Properties read(CommandLine cli, String[] args, String file) {
        String text = text(file);
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    List<Integer> lines = linesOf(text, (String) key);
                    throw new InputException("key '" + key + "' is given twice in --config file " + file
                            + (lines.size() >= 2 ? " (lines " + lines.get(0) + " and " + lines.get(1) + ")" : "")
                            + "; give each option once");
                }
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("cannot read --config file " + file + ": " + e.getMessage());
        }
        checkKeys(command(cli, args), properties, text, file);
        return properties;
    }

    /** The file's text, decoded as UTF-8 strictly. */
    private static String text(String file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            bytes = in.readNBytes(MAX_BYTES + 1); // no more than that, whatever the file is
        } catch (NoSuchFileException e) {
            throw new InputException("--config file not found: " + file);
        } catch (IOException e) {
            throw new InputException("cannot read --config file " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new InputException("--config file " + file + " has more than " + MAX_BYTES
                    + " bytes; a job file of options is a few lines");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InputException("--config file " + file + " line " + line + " is not UTF-8 text (byte "
                    + (in.position() + 1) + "); save the job file as UTF-8");
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /** The subcommand the arguments run (the first argument that names one), else the top-level command. */
    private static CommandLine command(CommandLine cli, String[] args) {
        for (String arg : args) {
            if (cli.getSubcommands().containsKey(arg)) {
                return cli.getSubcommands().get(arg);
            }
        }
        return cli;
    }

    /** Every key must name an option of the command that means something in a job file. */
    private static void checkKeys(CommandLine command, Properties properties, String text, String file) {
        Set<String> valid = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            valid.add(option.longestName().replaceFirst("^-+", ""));
        }
        valid.removeAll(MEANINGLESS);
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!valid.contains(key)) {
                List<Integer> lines = linesOf(text, key);
                String where = "--config file " + file + (lines.isEmpty() ? "" : " line " + lines.get(0));
                throw new InputException(MEANINGLESS.contains(key)
                        ? "key '" + key + "' in " + where + " means nothing in a job file; give --" + key
                                + " on the command line"
                        : "unknown key '" + key + "' in " + where + "; keys are the options of '"
                                + command.getCommandName() + "' without dashes: " + String.join(", ", valid));
            }
        }
    }

    /** The numbers of the lines that give the key (a key, then '=', ':' or a blank), from 1. */
    private static List<Integer> linesOf(String text, String key) {
        Pattern gives = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*([=:\\s]|$)");
        List<Integer> lines = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (gives.matcher(all[i]).find()) {
                lines.add(i + 1);
            }
        }
        return lines;
    }
}
