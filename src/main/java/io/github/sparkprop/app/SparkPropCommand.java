package io.github.sparkprop.app;

import io.github.sparkprop.internal.bench.BenchCommand;
import io.github.sparkprop.internal.cli.EvaluateCommand;
import io.github.sparkprop.internal.cli.ExportCommand;
import io.github.sparkprop.internal.cli.InspectCommand;
import io.github.sparkprop.internal.cli.PredictCommand;
import io.github.sparkprop.internal.cli.TrainCommand;
import io.github.sparkprop.internal.cli.TuneCommand;
import io.github.sparkprop.internal.console.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top-level {@code sparkprop} command. */
@Command(name = "sparkprop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {TrainCommand.class, PredictCommand.class, EvaluateCommand.class, InspectCommand.class,
            ExportCommand.class, TuneCommand.class, BenchCommand.class, HelpCommand.class},
        description = {
            "Distributed data-parallel training of feed-forward neural networks, and of logistic, softmax and "
                    + "linear regression, on Apache Spark.", ""},
        footer = {"",
            "Run 'sparkprop COMMAND --help' for a command's options.",
            "Locally:      submit/local.sh COMMAND [OPTIONS]",
            "On a cluster: submit/standalone.sh, submit/yarn.sh or submit/k8s.sh (see the README).",
            "", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure."})
final class SparkPropCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        List<String> commands = spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is missing: "
                + String.join(", ", commands.subList(0, commands.size() - 1)) + " or " + commands.get(commands.size() - 1));
    }
}
