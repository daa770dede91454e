package io.github.sparkprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.optim.Adam;
import io.github.sparkprop.optim.GradientDescent;
import io.github.sparkprop.optim.Lbfgs;
import io.github.sparkprop.optim.Momentum;
import io.github.sparkprop.optim.Optimizer;
import io.github.sparkprop.optim.Schedule;
import picocli.CommandLine.Option;

/** The options that choose the optimizer and its learning-rate schedule. */
public final class OptimizerOptions {

    @Option(names = "--optimizer", paramLabel = "gd|momentum|adam|lbfgs", defaultValue = "gd",
            description = "gd: gradient descent; momentum (with --momentum, --nesterov); adam (with --beta1, "
                    + "--beta2, --epsilon); lbfgs: L-BFGS with a strong Wolfe line search, full batch only, no "
                    + "learning rate. Default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "A", defaultValue = "0.1",
            description = "Step size alpha (the base of --schedule). Default: ${DEFAULT-VALUE}")
    double learningRate;

    @Option(names = "--schedule", paramLabel = "constant|step|exponential|inverse-sqrt|cosine",
            defaultValue = "constant",
            description = "Learning rate at iteration t: constant alpha; step alpha*r^floor((t-1)/k); exponential "
                    + "alpha*r^((t-1)/k); inverse-sqrt alpha/sqrt(1+(t-1)/k); cosine alpha*(1+cos(pi*(t-1)/T))/2, "
                    + "with r = --decay-rate, k = --decay-every, T = --iterations. Default: ${DEFAULT-VALUE}")
    String schedule;

    @Option(names = "--decay-rate", paramLabel = "R", defaultValue = "0.5",
            description = "Decay factor r of the step and exponential schedules, in (0, 1]. Default: ${DEFAULT-VALUE}")
    double decayRate;

    @Option(names = "--decay-every", paramLabel = "K", defaultValue = "10",
            description = "Decay period k in iterations. Default: ${DEFAULT-VALUE}")
    int decayEvery;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "0",
            description = "Ramp the learning rate up linearly over the first W iterations. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Momentum mu of --optimizer momentum, in [0, 1). Default: ${DEFAULT-VALUE}")
    double momentum;

    @Option(names = "--nesterov", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Nesterov's accelerated gradient for --optimizer momentum.")
    boolean nesterov;

    @Option(names = "--beta1", paramLabel = "B1", defaultValue = "" + Adam.BETA1,
            description = "Adam's first-moment decay. Default: ${DEFAULT-VALUE}")
    double beta1;

    @Option(names = "--beta2", paramLabel = "B2", defaultValue = "" + Adam.BETA2,
            description = "Adam's second-moment decay. Default: ${DEFAULT-VALUE}")
    double beta2;

    @Option(names = "--epsilon", paramLabel = "E", defaultValue = "" + Adam.EPSILON,
            description = "Adam's epsilon. Default: ${DEFAULT-VALUE}")
    double epsilon;

    @Option(names = "--lbfgs-memory", paramLabel = "M", defaultValue = "10",
            description = "Number of curvature pairs L-BFGS keeps. Default: ${DEFAULT-VALUE}")
    int lbfgsMemory;

    boolean isLbfgs() {
        return optimizer.equals("lbfgs");
    }

    /**
     * The optimizer for a run of the given length.
     *
     * @throws InputException for an unknown optimizer or schedule or an out-of-range value, naming the option
     */
    Optimizer build(int iterations) {
        try {
            Schedule rates = new Schedule(Schedule.Kind.fromId(schedule), learningRate, decayRate, decayEvery, warmup,
                    iterations);
            return switch (optimizer) {
                case "gd" -> new GradientDescent(rates);
                case "momentum" -> new Momentum(rates, momentum, nesterov);
                case "adam" -> new Adam(rates, beta1, beta2, epsilon);
                case "lbfgs" -> new Lbfgs(lbfgsMemory);
                default -> throw new IllegalArgumentException("unknown optimizer '" + optimizer
                        + "'; valid: gd, momentum, adam, lbfgs");
            };
        } catch (IllegalArgumentException e) {
            throw new InputException("--optimizer/--schedule settings: " + e.getMessage(), e);
        }
    }

    /** The settings that matter for the chosen optimizer, for model.json and checkpoints. */
    void describe(ObjectNode settings) {
        settings.put("optimizer", optimizer);
        if (isLbfgs()) {
            settings.put("lbfgsMemory", lbfgsMemory);
            return;
        }
        settings.put("learningRate", learningRate);
        settings.put("schedule", schedule);
        if (!schedule.equals("constant")) {
            settings.put("decayRate", decayRate);
            settings.put("decayEvery", decayEvery);
        }
        settings.put("warmup", warmup);
        if (optimizer.equals("momentum")) {
            settings.put("momentum", momentum);
            settings.put("nesterov", nesterov);
        } else if (optimizer.equals("adam")) {
            settings.put("beta1", beta1);
            settings.put("beta2", beta2);
            settings.put("epsilon", epsilon);
        }
    }
}
