package io.github.sparkprop.internal.cli;

import io.github.sparkprop.internal.console.SparkOptions;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.internal.onnx.OnnxExport;
import io.github.sparkprop.internal.onnx.OnnxFile;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparkprop export}: writes a saved model in another format, without starting Spark. */
@Command(name = "export", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes a saved model as an ONNX graph (opset 13) for inference runtimes (onnxruntime, "
                + "ONNX-aware servers): input 'features', float [N, n_0] in the model's feature order (inspect "
                + "lists it); the scaler, each layer's Gemm and activation inside the graph; outputs "
                + "'probabilities', float [N, k] (two columns for one sigmoid unit, as predict writes them), and "
                + "'prediction', the int64 class index, for a classifier, or 'prediction', float [N, outputs], for "
                + "a regressor. The labels and feature names are in the graph's metadata. Models that encode "
                + "their input columns (categories, dates, filled values) are refused.", ""},
        footer = {"", "Example:", "  sparkprop export --model models/mnist-mlp --output models/mnist-mlp.onnx",
            "", "Exit codes: 0 success, 2 bad usage or bad model, 1 internal failure."})
public final class ExportCommand implements Callable<Integer> {

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
        byte[] bytes = OnnxExport.of(model, modelDir).toByteArray();
        OnnxFile.write(bytes, output, overwrite, conf);
        spec.commandLine().getOut().printf("exported %s (%s) to %s: %,d bytes, ONNX opset 13%n", modelDir,
                model.network(), output, bytes.length);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
