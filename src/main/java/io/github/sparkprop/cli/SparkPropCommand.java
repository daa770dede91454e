package io.github.sparkprop.cli;

import io.github.sparkprop.bench.BenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top-level {@code sparkprop} command. */
@Command(name = "sparkprop", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {TrainCommand.class, PredictCommand.class, EvaluateCommand.class, InspectCommand.class,
            BenchCommand.class, HelpCommand.class},
        description = {
            "Distributed data-parallel training of feed-forward neural networks, and of logistic, softmax and "
                    + "linear regression, on Apache Spark.", ""},
        footer = {"",
            "Run 'sparkprop COMMAND --help' for a command's options.",
            "Locally:      submit/local.sh COMMAND [OPTIONS]",
            "On a cluster: submit/standalone.sh, submit/yarn.sh or submit/k8s.sh (see the README).",
            "", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure."})
public final class SparkPropCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a command is missing: train, predict, evaluate or inspect");
    }
}
