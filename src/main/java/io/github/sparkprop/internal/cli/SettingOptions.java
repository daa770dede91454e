package io.github.sparkprop.internal.cli;

import io.github.sparkprop.internal.console.OptionNames;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The core's settings as options of a command, derived from their declarations: one option per setting the
 * command line offers, named after its key ({@code learningRate} -> {@code --learning-rate}), with its type, help
 * text and default; the help lists them in the core's sections. Values are checked by the training spec, whose
 * errors name the options the same way.
 */
final class SettingOptions {

    private SettingOptions() {
    }

    /**
     * Adds an option for every setting of the sections that the command line offers, listed in help under the
     * sections' headings.
     */
    static void install(CommandSpec spec, List<Setting.Section> sections) {
        List<String> keys = new ArrayList<>(spec.usageMessage().sectionKeys());
        int at = keys.indexOf(picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
        Map<String, picocli.CommandLine.IHelpSectionRenderer> renderers = new LinkedHashMap<>(
                spec.usageMessage().sectionMap());
        for (Setting.Section section : sections) {
            List<OptionSpec> options = new ArrayList<>();
            for (Setting setting : offered(section.settings())) {
                OptionSpec option = option(setting);
                spec.addOption(option);
                options.add(option);
            }
            String key = "settings: " + section.heading();
            keys.add(at++, key);
            renderers.put(key, help -> render(help, section.heading(), options));
        }
        spec.usageMessage().sectionKeys(keys);
        spec.usageMessage().sectionMap(renderers);
    }

    /** The settings of a list that the command line offers. */
    static List<Setting> offered(List<Setting> settings) {
        return settings.stream().filter(setting -> setting.offeredBy(Setting.Face.COMMAND_LINE)).toList();
    }

    private static String render(Help help, String heading, List<OptionSpec> options) {
        Help.Layout layout = help.createDefaultLayout();
        Help.IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
        for (OptionSpec option : options) {
            layout.addOption(option, labels);
        }
        return String.format("%n%s:%n", heading) + layout;
    }

    /** An option for a setting; hidden from the general list, since its section lists it. */
    private static OptionSpec option(Setting setting) {
        OptionSpec.Builder option = OptionSpec.builder(OptionNames.of(setting.key())).hidden(true)
                .paramLabel(setting.label()).description(setting.description() + defaultText(setting));
        return switch (setting.type()) {
            case REAL -> option.type(Double.class).build();
            case INTEGER -> option.type(Integer.class).build();
            case LONG -> option.type(Long.class).build();
            case FLAG -> option.type(Boolean.class).arity("0..1").fallbackValue("true")
                    .negatable(Boolean.TRUE.equals(setting.defaultValue())).build();
            case CHOICE -> option.type(String.class).build();
            case SIZES -> option.type(int[].class).splitRegex(",").build();
            case TEXT -> option.type(String.class).build();
            case PATHS -> option.type(List.class).auxiliaryTypes(String.class).build();
            case NAMES -> option.type(List.class).auxiliaryTypes(String.class).splitRegex(",").build();
        };
    }

    private static String defaultText(Setting setting) {
        return switch (setting.type()) {
            case FLAG -> Boolean.TRUE.equals(setting.defaultValue()) ? " On by default; "
                    + OptionNames.of("no-" + setting.key()) + " turns it off." : "";
            case SIZES -> " Default: none.";
            default -> setting.defaultValue() == null ? "" : " Default: " + Setting.format(setting.defaultValue());
        };
    }

    /**
     * The settings the user set, on the command line or in the job file; the others keep their defaults
     * (so that, for example, a model to start from is only contradicted by what was asked for).
     */
    static SettingValues values(CommandSpec spec, List<Setting.Section> sections) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, Object> values = new LinkedHashMap<>();
        IDefaultValueProvider jobFile = spec.defaultValueProvider();
        List<Setting> settings = offered(sections.stream().flatMap(section -> section.settings().stream()).toList());
        for (Setting setting : settings) {
            OptionSpec option = spec.findOption(OptionNames.of(setting.key()));
            try {
                if (parsed.hasMatchedOption(option) || (jobFile != null && jobFile.defaultValue(option) != null)) {
                    values.put(setting.key(), option.getValue());
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the job file's value of " + option.longestName(), e);
            }
        }
        return SettingValues.of(values);
    }
}
