package io.github.sparkprop.app;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.DidYouMean;
import io.github.sparkprop.internal.Interruption;
import io.github.sparkprop.internal.console.OptionNames;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.train.InterruptedRunException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.SparkUserAppException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The entry point: parses the command line (with defaults from a --config file), runs the command and
 * maps failures to exit codes: 2 for bad usage or bad input, 1 for anything else, each with one line on
 * standard error (and the stack trace with --verbose).
 */
public final class Main {

    static final int USAGE = 2;
    static final int INTERNAL = 1;

    private Main() {
    }

    /**
     * Runs the command line and exits with its code; the Spark session, if one was started, is stopped first.
     * In a YARN cluster-mode driver it returns instead, or throws for a failure, as the ApplicationMaster expects.
     *
     * @param args the command line, e.g. {@code train --data ...}
     * @throws SparkUserAppException carrying the exit code, for a failed command in a YARN cluster-mode driver
     */
    public static void main(String[] args) throws SparkUserAppException {
        if (!runsInYarnApplicationMaster()) {
            Interruption.install(); // a YARN driver is stopped by its NodeManager, which kills it soon after
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
        if (runsInYarnApplicationMaster()) {
            // YARN's ApplicationMaster reports success when main returns and counts System.exit as a failure;
            // a failure it reports with the exit code it is given this way
            if (code != 0) {
                throw new SparkUserAppException(code, null);
            }
            return;
        }
        System.exit(code);
    }

    /** Whether this is the driver of a YARN cluster-mode application (run by its ApplicationMaster). */
    private static boolean runsInYarnApplicationMaster() {
        return "yarn".equals(System.getProperty("spark.master"))
                && "cluster".equals(System.getProperty("spark.submit.deployMode"));
    }

    /**
     * The system property that names the command as the user typed it ({@code submit/local.sh}, or {@code sparkprop}
     * where that is the launcher), for usage lines and hints.
     */
    static final String LAUNCHER = "sparkprop.launcher";

    /**
     * Runs one command line and returns its exit code (the session, if any, is left running).
     *
     * @param args the command line, without the launcher's name: the command and its options
     * @param out  where the command's output, help and version go
     * @param err  where usage errors and failures are reported, one line each
     * @return 0 for success, 2 for bad usage or bad input, 1 for anything else
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli;
        try {
            cli = commandLine(args, out, err);
        } catch (InputException e) {
            err.println("sparkprop: " + e.getMessage());
            return USAGE;
        }
        try {
            return cli.execute(args);
        } catch (FSError e) {
            // Hadoop's local file system reports a failed write (a full disk) as this Error; the writers turn it
            // into an IOException naming their output, and this is the net for any other
            err.println("sparkprop: cannot write to the local file system: " + e.getMessage());
            return USAGE;
        } catch (OutOfMemoryError e) {
            return outOfMemory(e, err);
        }
    }

    /**
     * The command line for the arguments, ready to parse or run: its output and error streams, the handlers that
     * turn bad usage and failures into one line and an exit code, and the defaults of the job file the arguments
     * name with --config.
     *
     * @throws InputException when the job file cannot be read or holds a key no option of the command has
     */
    static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkPropCommand());
        cli.setCommandName(System.getProperty(LAUNCHER, "sparkprop"));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            err.println(command.getCommandName() + ": " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> suggestions = suggestions(unmatched);
                if (!suggestions.isEmpty()) {
                    err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
                }
            }
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> report(e, command, err));
        String config = JobFile.named(args);
        if (config != null) {
            cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(JobFile.read(cli, args, config)));
        }
        return cli;
    }

    /**
     * The options or commands the user probably meant: for an unknown option, the command's option (hidden ones
     * included: the training settings' options are listed in sections of their own) closest to it by edit
     * distance; for an unknown command, picocli's most similar commands.
     */
    private static List<String> suggestions(CommandLine.UnmatchedArgumentException unmatched) {
        List<String> arguments = unmatched.getUnmatched();
        String first = arguments.isEmpty() ? "" : arguments.get(0);
        if (!first.startsWith("-")) {
            return unmatched.getSuggestions();
        }
        String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        List<String> options = new ArrayList<>();
        unmatched.getCommandLine().getCommandSpec().options().forEach(option -> options.addAll(
                Arrays.asList(option.names())));
        String closest = DidYouMean.closest(name, options);
        return closest == null ? List.of() : List.of(closest);
    }

    /** One line for running out of memory, in the driver or in a local task. */
    private static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        err.println("sparkprop: out of memory (" + e.getMessage() + "): the data or the settings need more "
                + "than the driver's " + (Runtime.getRuntime().maxMemory() >> 20) + " MB; give it more "
                + "(spark.driver.memory, or -Xmx in SPARKPROP_JAVA_OPTS) or choose smaller settings");
        return USAGE; // the data and the settings are the user's to change, as for bad input
    }

    private static int report(Exception e, CommandLine command, PrintWriter err) {
        boolean verbose = args(command).verbose();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError oom) {
                return outOfMemory(oom, err); // a local task's, which failed its job
            }
        }
        if (Interruption.raised()) {
            InputException interrupted = findInputException(e);
            err.println(command.getCommandName() + ": " + (interrupted instanceof InterruptedRunException
                    ? interrupted.render(OptionNames::of) : "interrupted; nothing written"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return Interruption.exitCode();
        }
        InputException input = findInputException(e);
        if (input != null) {
            String message = input.render(OptionNames::of);
            err.println(command.getCommandName() + ": " + message.lines().findFirst().orElse(""));
            if (verbose) {
                e.printStackTrace(err);
            }
            return USAGE;
        }
        err.println(command.getCommandName() + ": internal error: " + e.toString().lines().findFirst().orElse("")
                + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return INTERNAL;
    }

    private static SparkOptions args(CommandLine command) {
        for (Object mixin : command.getCommandSpec().mixins().values().stream().map(CommandSpec::userObject).toList()) {
            if (mixin instanceof SparkOptions options) {
                return options;
            }
        }
        return new SparkOptions();
    }

    /** The user's error, also when Spark wraps it in a job failure. */
    private static InputException findInputException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException input) {
                return input;
            }
        }
        return null;
    }
}
