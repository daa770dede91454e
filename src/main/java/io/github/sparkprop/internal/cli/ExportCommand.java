package io.github.sparkprop.internal.cli;

import ai.onnx.proto.OnnxMl;
import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.onnx.OnnxExport;
import io.github.sparkprop.internal.onnx.OnnxFile;
import io.github.sparkprop.internal.onnx.OnnxInputs;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparkprop export}: writes a saved model in another format, without starting Spark. */
@Command(name = "export", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes a saved model as an ONNX graph (opset 13, and ONNX-ML's LabelEncoder for categories) for "
                + "inference runtimes (onnxruntime, ONNX-aware servers). By default the graph reads the table's own "
                + "columns, one input [N, 1] per column named as the column, and encodes them as predict does: "
                + "numbers and booleans (1/0) as float, NaN for a gap (the filled value and the scaler applied "
                + "inside); categories as strings (an unseen one as predict scores it; \"\" or NA for a gap); dates "
                + "as double days since 1970-01-01, timestamps as double seconds since 1970-01-01T00:00:00Z (the "
                + "graph takes their parts). Each layer's Gemm and activation follow; outputs 'probabilities', "
                + "float [N, k] (two columns for one sigmoid unit, as predict writes them), and 'prediction', the "
                + "int64 class index, for a classifier, or 'prediction', float [N, outputs], for a regressor. The "
                + "metadata lists each input (sparkprop.inputs: name, type, meaning), the labels and the features.",
            ""},
        footer = {"", "Example:", "  sparkprop export --model models/mnist-mlp --output models/mnist-mlp.onnx",
            "", "Exit codes: 0 success, 2 bad usage or bad model, 1 internal failure."})
public final class ExportCommand implements Callable<Integer> {

    /** --inputs as the command line writes it. */
    static final class InputsConverter implements ITypeConverter<OnnxInputs> {
        @Override
        public OnnxInputs convert(String value) {
            for (OnnxInputs form : OnnxInputs.values()) {
                if (form.id().equals(value.trim())) {
                    return form;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of columns, vector");
        }
    }

    /** The formats export writes. */
    public enum Format {
        onnx
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory.")
    String modelDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx",
            description = "What to write: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "The file to write (any Hadoop file system), e.g. model.onnx.")
    String output;

    @Option(names = "--inputs", paramLabel = "columns|vector", defaultValue = "columns",
            converter = InputsConverter.class,
            description = "What the graph reads: 'columns', one input per input column (any model); 'vector', one "
                    + "float input 'features' [N, n_0] in the model's feature order (inspect lists it), for models "
                    + "whose inputs are numbers. Default: ${DEFAULT-VALUE}")
    OnnxInputs inputs;

    @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Replace the output file if it exists. Default: false")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Configuration conf = sparkOptions.hadoopConfiguration();
        OnnxFile.checkWritable(output, overwrite, conf);
        Model model = ModelStore.load(modelDir, conf);
        OnnxMl.ModelProto graph = OnnxExport.of(model, modelDir, inputs);
        byte[] bytes = graph.toByteArray();
        OnnxFile.write(bytes, output, overwrite, conf);
        spec.commandLine().getOut().printf("exported %s (%s) to %s: %,d bytes, ONNX opset 13, reading %s%n", modelDir,
                model.network(), output, bytes.length, OnnxExport.describeInputs(graph));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
