package io.github.sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.console.OptionNames;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.train.TrainingSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/options.md is the rendering of the declarations, never a copy that drifts: this fails when the file is
 * stale. To bring it up to date: {@code mvn -q test -Dtest=OptionsReferenceTest -Dsparkprop.updateDocs=true}.
 */
class OptionsReferenceTest {

    private static final Path REFERENCE = Path.of("docs", "options.md");

    @Test
    void theDocsHoldTheReferenceOfTheDeclarations() throws IOException {
        String rendered = OptionsReference.render();
        if (Boolean.getBoolean("sparkprop.updateDocs")) {
            Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(rendered, Files.readString(REFERENCE, StandardCharsets.UTF_8), REFERENCE + " is stale: run "
                + "mvn -q test -Dtest=OptionsReferenceTest -Dsparkprop.updateDocs=true");
    }

    /** Every command is there, and every training setting under its option and beside its Spark ML param. */
    @Test
    void everySettingIsListedOnEveryFace() {
        String rendered = OptionsReference.render();
        for (String command : new String[] {"train", "predict", "evaluate", "inspect", "export", "bench"}) {
            assertTrue(rendered.contains("\n## sparkprop " + command + "\n"), command);
        }
        for (Setting setting : TrainingSettings.all()) {
            String option = "`" + OptionNames.of(setting.key()) + "`";
            assertTrue(rendered.contains("| " + option), setting.key() + " is in train's tables");
            assertTrue(rendered.contains(" | " + option + " | "), setting.key() + " is beside its param");
        }
        assertTrue(rendered.contains("| `stepSize` | `0` | `--learning-rate` |"), "the ML name, default and option");
        assertTrue(rendered.contains("| `--precision` | `float64\\|float32` |"), "a choice's values");
    }
}
