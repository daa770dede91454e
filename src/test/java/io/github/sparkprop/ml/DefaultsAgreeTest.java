package io.github.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkprop.app.Main;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.train.TrainingSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/**
 * Every training setting has the core's default on the command line (its help) and in the Spark ML API (its
 * params, which the Python package declares from: python/tests/test_params.py compares those with the jar's).
 */
class DefaultsAgreeTest {

    @Test
    void theCommandLineAndTheMlApiHaveTheCoresDefaults() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new String[] {"train", "--help"}, new PrintWriter(out), new PrintWriter(
                new StringWriter())));
        String help = out.toString().replaceAll("\\s+", " ");
        for (SparkPropParams<?> face : new SparkPropParams<?>[] {new SparkPropClassifier(), new SparkPropRegressor()}) {
            for (Setting setting : TrainingSettings.all()) {
                Object declared = setting.defaultValue();
                Object ml = face.getOrDefault((Param<?>) face.getParam(SparkPropParamSet.name(setting.key())));
                assertTrue(declared instanceof int[] sizes ? Arrays.equals(sizes, (int[]) ml) : declared.equals(ml),
                        setting.key() + ": core " + declared + ", ML " + ml);
                if (setting.type() != Setting.Type.FLAG && setting.type() != Setting.Type.SIZES) {
                    assertTrue(help.contains("Default: " + Setting.format(declared)), setting.key() + " in " + help);
                }
            }
        }
        assertTrue(help.contains("--[no-]standardize") && help.contains("On by default; --no-standardize turns it "
                + "off."), help);
        assertTrue(help.contains("--optimizer=auto|gd") && help.contains("Default: auto"), help);
        assertTrue(help.contains("--handle-invalid=keep|skip|error") && help.contains("Default: keep"), help);
    }
}
