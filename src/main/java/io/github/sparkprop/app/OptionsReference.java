package io.github.sparkprop.app;

import io.github.sparkprop.internal.console.OptionNames;
import io.github.sparkprop.internal.data.DataSettings;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.train.TrainingSpec;
import io.github.sparkprop.ml.SparkPropClassifier;
import io.github.sparkprop.ml.SparkPropParamSet;
import io.github.sparkprop.ml.SparkPropRegressor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options reference of the documentation ({@code docs/options.md}), rendered from the declarations every face
 * derives from: each command's options as {@code --help} shows them, the training settings in their sections, and
 * the Spark ML params of the estimators (the Python package mirrors them under the same names). Never typed by
 * hand: a test compares the file with this rendering.
 */
final class OptionsReference {

    private OptionsReference() {
    }

    /** The reference, in Markdown. */
    static String render() {
        CommandLine cli = new CommandLine(new SparkPropCommand());
        StringBuilder md = new StringBuilder("""
                # Options reference

                Generated from the declarations the command line, the Java ML API and the Python package derive their
                names, help and defaults from (`app/OptionsReference`); do not edit it by hand. `sparkprop COMMAND
                --help` prints the same. Every option can also come from a job file (`--config FILE.properties`, keys
                as the options without `--`), the command line winning.
                """);
        cli.getSubcommands().forEach((name, command) -> {
            if (!name.equals("help")) {
                command(md, command.getCommandSpec());
            }
        });
        mlParams(md);
        return md.toString();
    }

    private static void command(StringBuilder md, CommandSpec spec) {
        md.append("\n## sparkprop ").append(spec.name()).append("\n\n");
        md.append(String.join("\n", spec.usageMessage().description()).strip()).append("\n");
        List<OptionSpec> general = spec.options().stream().filter(option -> !option.hidden()).toList();
        table(md, null, general);
        List<Setting.Section> sections = spec.name().equals("train") ? TrainingSpec.sections()
                : spec.findOption(OptionNames.of(DataSettings.INPUT.key())) != null ? List.of(DataSettings.section())
                : List.of();
        for (Setting.Section section : sections) {
            List<OptionSpec> options = section.settings().stream()
                    .filter(setting -> setting.offeredBy(Setting.Face.COMMAND_LINE))
                    .map(setting -> spec.findOption(OptionNames.of(setting.key()))).toList();
            if (!options.isEmpty()) {
                table(md, section.heading(), options);
            }
        }
    }

    private static void table(StringBuilder md, String heading, List<OptionSpec> options) {
        if (heading != null) {
            md.append("\n### ").append(heading).append("\n");
        }
        md.append("\n| option | value | what it does |\n|---|---|---|\n");
        for (OptionSpec option : options) {
            String names = Arrays.stream(option.names()).map(name -> "`" + name + "`").collect(Collectors.joining(", "));
            if (option.negatable()) {
                names += ", `" + OptionNames.of("no-" + option.longestName().substring(2)) + "`";
            }
            String value = option.arity().max() == 0 ? "" : "`" + cell(option.paramLabel()) + "`";
            md.append("| ").append(names).append(" | ").append(value).append(" | ")
                    .append(cell(String.join(" ", option.description()))).append(" |\n");
        }
    }

    /**
     * The params of the estimators, each with its default and its command-line option where the run has one
     * (the Python classes have the same params under the same names).
     */
    private static void mlParams(StringBuilder md) {
        md.append("""

                ## Spark ML params (Java, Scala, Python)

                `SparkPropClassifier` and `SparkPropRegressor` (and their models, which keep the estimator's params)
                take these params; `SparkPropClassifier` also has `probabilityCol`, `rawPredictionCol` and
                `thresholds` where marked. The Python classes of `sparkprop.ml` have the same params, names and
                defaults.
                """);
        Params classifier = new SparkPropClassifier();
        Params regressor = new SparkPropRegressor();
        Set<String> regressorParams = Arrays.stream(regressor.params()).map(Param::name).collect(Collectors.toSet());
        Map<String, String> options = TrainingSpec.all().stream()
                .filter(setting -> setting.offeredBy(Setting.Face.COMMAND_LINE) && setting.offeredBy(Setting.Face.SPARK_ML))
                .collect(Collectors.toMap(setting -> SparkPropParamSet.name(setting.key()),
                        setting -> OptionNames.of(setting.key())));
        md.append("\n| param | default | option | what it does |\n|---|---|---|---|\n");
        Arrays.stream(classifier.params()).sorted(Comparator.comparing(Param::name)).forEach(param -> {
            String option = options.getOrDefault(param.name(), "");
            String defaultValue = classifier.hasDefault(param) ? Setting.format(value(classifier, param)) : "";
            md.append("| `").append(param.name()).append('`')
                    .append(regressorParams.contains(param.name()) ? "" : " (classifier)")
                    .append(" | ").append(defaultValue.isEmpty() ? "" : "`" + cell(defaultValue) + "`")
                    .append(" | ").append(option.isEmpty() ? "" : "`" + option + "`")
                    .append(" | ").append(cell(param.doc())).append(" |\n");
        });
    }

    @SuppressWarnings("unchecked")
    private static Object value(Params params, Param<?> param) {
        return params.getDefault((Param<Object>) param).get();
    }

    /** A table cell: one line, pipes escaped. */
    private static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|").strip();
    }
}
