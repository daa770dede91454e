package io.github.sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the documentation shows works as written. Each sparkprop command line in a shell block of the
 * README and of docs/ (after {@code submit/local.sh}, the {@code sparkprop} command pip installs, or after a
 * cluster's script and its master) parses with the real command line, its job file included; those on the small
 * tables shipped in {@code data/} run in this JVM, their outputs in a temporary directory; the README's Java quick
 * start compiles and runs. The rest run elsewhere: the MNIST quick start in CI ({@code .ci/run}), the Python quick
 * start and the installed command in {@code python/tests/test_wheel.py}, the cluster scripts in the ITs,
 * {@code bench} in BenchCommandTest.
 */
class DocsCommandsTest {

    /** The scripts that run a sparkprop command, and how many arguments (the master) come before it. */
    private static final Pattern SCRIPT = Pattern.compile("(?:\\./)?submit/(local|standalone|yarn|k8s)\\.sh");
    /** The console command that pip installs, first on its line: {@code sparkprop}, {@code .venv/bin/sparkprop}. */
    private static final Pattern CONSOLE = Pattern.compile("(?:\\S*/bin/)?sparkprop");
    /** The shipped tables small enough to train on here: their commands run. */
    private static final List<String> SMALL_TABLES = List.of("data/iris.csv", "data/cars.csv",
            "data/seattle-weather.csv");

    @TempDir
    Path dir;

    @Test
    void everyDocumentedCommandParsesAndThoseOnTheSmallTablesRun() throws IOException {
        List<Command> commands = documentedCommands();
        // the pages hold more than 15 commands: fewer would mean the blocks were not found
        assertTrue(commands.size() > 15, "commands found: " + commands);
        int ran = 0;
        Set<List<String>> run = new HashSet<>(); // a command two pages show runs once (its output would exist)
        for (Command command : commands) {
            String[] args = command.args().toArray(String[]::new);
            assertDoesNotThrow(() -> Main.commandLine(args, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter())).parseArgs(args), command.toString());
            if (command.args().stream().anyMatch(SMALL_TABLES::contains) && run.add(command.args())) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                SharedSpark.session();
                int code = Main.run(outputsIn(command.args(), dir), new PrintWriter(out, true),
                        new PrintWriter(err, true));
                assertEquals(0, code, command + "\n" + err);
                ran++;
            }
        }
        assertTrue(ran >= 4, "commands run: " + ran);
    }

    /** MLlib's feature stages send classes Spark does not register: it runs in the session that does not require it. */
    @Test
    @Tag(SharedSpark.MLLIB)
    void theReadmesJavaQuickStartCompilesAndRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "the README has a Java block");
        String program = block.group(1);
        String saved = "models/iris-pipeline";
        assertTrue(program.contains('"' + saved + '"'), program);
        Path model = dir.resolve("iris-pipeline");
        StringBuilder imports = new StringBuilder("import org.apache.spark.sql.*;\n");
        StringBuilder body = new StringBuilder();
        for (String line : program.replace('"' + saved + '"', '"' + model.toString() + '"').split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        Path sources = Files.createDirectories(dir.resolve("src/readme"));
        Files.writeString(sources.resolve("QuickStart.java"), "package readme;\n" + imports
                + "public class QuickStart {\n public static void run(SparkSession spark) throws Exception {\n" + body + "}\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(sources.resolve("QuickStart.java")))
                .call();
        assertTrue(compiled, diagnostics.toString());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            loader.loadClass("readme.QuickStart").getMethod("run", SparkSession.class)
                    .invoke(null, SharedSpark.session());
        }
        assertTrue(Files.isDirectory(model.resolve("stages")), "the pipeline was saved");
    }

    /** A sparkprop command line of the docs: the arguments after the script (and the cluster's master). */
    private record Command(String page, List<String> args) {
        @Override
        public String toString() {
            return page + ": " + String.join(" ", args);
        }
    }

    /** The sparkprop commands of every shell block of the README and docs/ (the options reference aside). */
    private static List<Command> documentedCommands() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md") && !page.endsWith("options.md")).sorted()
                    .forEach(pages::add);
        }
        List<Command> commands = new ArrayList<>();
        for (Path page : pages) {
            Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
            while (block.find()) {
                for (String line : block.group(1).replace("\\\n", " ").split("\n")) {
                    for (String shellCommand : line.split("&&")) {
                        List<String> words = words(shellCommand);
                        if (!words.isEmpty() && CONSOLE.matcher(words.get(0)).matches()) {
                            commands.add(new Command(page.toString(), words.subList(1, words.size())));
                            continue;
                        }
                        for (int i = 0; i < words.size(); i++) {
                            Matcher script = SCRIPT.matcher(words.get(i));
                            if (script.matches()) {
                                int skip = script.group(1).equals("standalone") || script.group(1).equals("k8s")
                                        ? 2 : 1;
                                commands.add(new Command(page.toString(), words.subList(i + skip, words.size())));
                                break;
                            }
                        }
                    }
                }
            }
        }
        return commands;
    }

    /** The words of a shell command as the shell splits them: quotes removed, a comment (# after a blank) cut. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The arguments with the value of --output moved into the directory given (models/x -&gt; DIR/models/x), and
     * that of --model where an earlier command of the docs wrote it there.
     */
    private static String[] outputsIn(List<String> args, Path dir) {
        String[] moved = args.toArray(String[]::new);
        for (int i = 0; i + 1 < moved.length; i++) {
            if (moved[i].equals("--output")
                    || moved[i].equals("--model") && Files.isDirectory(dir.resolve(moved[i + 1]))) {
                moved[i + 1] = dir.resolve(moved[i + 1]).toString();
            }
        }
        return moved;
    }
}
