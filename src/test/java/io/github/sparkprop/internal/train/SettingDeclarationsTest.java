package io.github.sparkprop.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.internal.optim.Setting;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every setting of a run is declared completely, once: a key of its own, a label and a description for help
 * texts, a default its own check accepts, and a role that says what provenance and a resumed run do with it.
 */
class SettingDeclarationsTest {

    @Test
    void keysAreUnique() {
        Set<String> keys = new HashSet<>();
        for (Setting setting : TrainingSpec.all()) {
            assertTrue(keys.add(setting.key()), "two settings are named " + setting.key());
        }
    }

    @Test
    void everySettingHasEveryAttribute() {
        for (Setting setting : TrainingSpec.all()) {
            String key = setting.key();
            assertTrue(key.matches("[a-z][A-Za-z0-9]*"), key + " is a camelCase key");
            assertNotNull(setting.type(), key);
            assertNotNull(setting.role(), key);
            assertFalse(setting.label() == null || setting.label().isBlank(), key + " has a label for help texts");
            assertTrue(setting.description() != null && setting.description().endsWith("."),
                    key + " has a description, a sentence");
            boolean noneByDefault = EnumSet.of(Setting.Type.TEXT, Setting.Type.PATHS, Setting.Type.NAMES)
                    .contains(setting.type());
            assertTrue(noneByDefault || setting.defaultValue() != null, key + " has a default");
            assertNull(setting.defaultValue() == null ? null : setting.problem(setting.defaultValue()),
                    key + "'s default passes its own check");
            assertFalse(setting.faces().isEmpty(), key + " is offered by a face");
            if (setting.type() == Setting.Type.CHOICE) {
                assertTrue(setting.choices().contains(setting.defaultValue()), key + "'s default is a choice");
            }
            if (setting.type() == Setting.Type.REAL || setting.type() == Setting.Type.INTEGER) {
                assertNotNull(setting.range(), key + " has a range");
            }
        }
    }

    /**
     * The roles a resume relies on: the precision decides the weights (its absence from the hand lists once let
     * a float64 checkpoint be refused for its data hash), the rate and iterations may change, the speed and log
     * settings never matter.
     */
    @Test
    void theRolesAreTheOnesAResumeReliesOn() {
        assertEquals(Setting.Role.DECISIVE, TrainingSettings.PRECISION.role());
        assertEquals(Set.of("learningRate", "iterations"), TrainingSpec.keys(Setting.Role.ADJUSTABLE));
        assertEquals(Set.of("treeDepth", "blockSize", "logEvery", "checkpointEvery", "partitions", "test",
                "checkpointDir", "resume"),
                TrainingSpec.keys(Setting.Role.RUNTIME));
        for (Setting setting : List.of(TrainingSettings.L2, TrainingSettings.SEED, TrainingSettings.BATCH_FRACTION,
                TrainingSettings.STANDARDIZE)) {
            assertEquals(Setting.Role.DECISIVE, setting.role(), setting.key());
        }
    }
}
