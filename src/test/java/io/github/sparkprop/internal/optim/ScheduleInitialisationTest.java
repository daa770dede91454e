package io.github.sparkprop.internal.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schedules' classes initialise in any order: in a class loader of their own, whichever of Schedule, Schedules
 * and PlateauSchedule comes first, the others follow without an error (a setting of Schedule that read the
 * registry of Schedules, whose registry initialises PlateauSchedule and so Schedule, once saw it still null).
 */
class ScheduleInitialisationTest {

    @ParameterizedTest
    @ValueSource(strings = {"Schedule", "Schedules", "PlateauSchedule"})
    void anyOfThemMayBeFirst(String first) throws Exception {
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return new File(entry).toURI().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader fresh = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            String prefix = Schedule.class.getPackageName() + ".";
            for (String name : List.of(first, "Schedule", "Schedules", "PlateauSchedule")) {
                assertDoesNotThrow(() -> Class.forName(prefix + name, true, fresh), name + " after " + first);
            }
        }
    }
}
