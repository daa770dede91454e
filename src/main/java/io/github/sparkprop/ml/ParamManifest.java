package io.github.sparkprop.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The params of the four Spark ML classes (name, doc, type, default), as JSON, from which the Python package
 * declares its own: the build writes it into the application jar ({@code io/github/sparkprop/ml/params.json}),
 * so the Python params are the Java ones by construction.
 */
public final class ParamManifest {

    /** The value type of each param class, as the Python side converts to it (others: string). */
    private static final Map<Class<?>, String> TYPES = Map.of(DoubleParam.class, "double", FloatParam.class,
            "double", IntParam.class, "int", LongParam.class, "long", BooleanParam.class, "boolean",
            IntArrayParam.class, "int[]", DoubleArrayParam.class, "double[]", StringArrayParam.class, "string[]");

    private ParamManifest() {
    }

    /**
     * Writes the manifest to the file given as the only argument.
     *
     * @param args the output file, e.g. {@code target/classes/io/github/sparkprop/ml/params.json}; its
     *             directories are created
     * @throws IOException              when the file cannot be written
     * @throws IllegalArgumentException when there is not exactly one argument
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ParamManifest OUTPUT.json");
        }
        File output = new File(args[0]);
        output.getParentFile().mkdirs();
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(output, manifest());
    }

    /** {"ClassName": [{"name", "doc", "type", "default"?}, ...], ...} for the estimators and models. */
    static ObjectNode manifest() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        for (Params owner : List.of(new SparkPropClassifier(), new SparkPropClassificationModel(),
                new SparkPropRegressor(), new SparkPropRegressionModel())) {
            ArrayNode params = root.putArray(owner.getClass().getSimpleName());
            for (Param<?> param : owner.params()) {
                ObjectNode entry = params.addObject();
                entry.put("name", param.name());
                entry.put("doc", param.doc());
                entry.put("type", type(param));
                if (owner.hasDefault(param)) {
                    entry.set("default", json.valueToTree(owner.getDefault(param).get()));
                }
            }
        }
        return root;
    }

    /** The value type of a param, as the Python side converts to it. */
    static String type(Param<?> param) {
        return TYPES.getOrDefault(param.getClass(), "string");
    }
}
