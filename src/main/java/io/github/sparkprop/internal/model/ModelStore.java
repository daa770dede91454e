package io.github.sparkprop.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkprop.InputException;
import io.github.sparkprop.math.Network;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Saves and loads models in a directory on any Hadoop file system (file://, hdfs://, s3a://):
 * {@code weights.safetensors} with tensors {@code layers.{l}.weight} [n_{l+1}, n_l] and
 * {@code layers.{l}.bias} [n_{l+1}], then {@code model.json}. A model is written into a temporary sibling
 * directory, model.json last, and renamed into place, so a crash never leaves something that looks like
 * a model.
 */
public final class ModelStore {

    public static final String MODEL_JSON = "model.json";
    public static final String WEIGHTS = "weights.safetensors";
    /** The training history beside a model trained here, one line per iteration. */
    public static final String HISTORY = "history.csv";
    /** The loss curves beside a model trained here. */
    public static final String LOSS_PLOT = "loss.png";
    /** Spark ML's param metadata beside a model saved by the Spark ML API. */
    public static final String SPARK_ML_METADATA = "metadata";
    /** Every file a model directory may hold: what a crashed save leaves holds nothing else. */
    private static final java.util.Set<String> FILES = java.util.Set.of(MODEL_JSON, WEIGHTS, HISTORY, LOSS_PLOT,
            SPARK_ML_METADATA);

    private ModelStore() {
    }

    /**
     * Fails early, before any training, when the output exists and may not be replaced, or cannot be
     * written: a directory is made beside it and removed again. Overwriting only ever replaces a sparkprop
     * model (a directory with a model.json), what a crashed save left (nothing but a model's files, no
     * model.json) or an empty directory, never other data.
     */
    public static void checkWritable(String dir, boolean overwrite, Configuration conf) {
        try {
            Path path = new Path(dir);
            FileSystem fs = AtomicDirectory.fileSystem(path, conf);
            if (fs.exists(path)) {
                if (!overwrite) {
                    throw new InputException("output " + dir + " already exists; use {overwrite} to replace it");
                }
                boolean model = fs.exists(new Path(path, MODEL_JSON));
                if (!model && !AtomicDirectory.isLeftover(path, FILES, MODEL_JSON, conf)) {
                    throw new InputException("output " + dir + " exists and is not a sparkprop model (no "
                            + MODEL_JSON + "); {overwrite} only replaces models: choose another {output}");
                }
            }
            AtomicDirectory.probeWritable(path, conf);
        } catch (IOException e) {
            throw new InputException("cannot write output " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails when the model's directory and another one a run writes (its checkpoints) are the same or one holds
     * the other: the model's save replaces its directory whole, and the other's writes would make it "not a
     * model". Paths are compared qualified (scheme, authority, absolute path).
     *
     * @param otherKey the setting that names the other directory, for the message
     */
    public static void requireApart(String dir, String other, String otherKey, Configuration conf) {
        try {
            if (AtomicDirectory.overlap(dir, other, conf)) {
                throw new InputException("{" + otherKey + "} " + other + " and the model's output " + dir + " overlap "
                        + "(the same directory, or one inside the other); give {" + otherKey + "} a directory of "
                        + "its own");
            }
        } catch (IOException e) {
            throw new InputException("cannot read the path " + other + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the model and any extra files (such as history.csv and loss.png) to {@code dir}.
     *
     * @throws InputException when dir exists and overwrite is false, or it cannot be written
     */
    public static void save(Model model, String dir, boolean overwrite, Map<String, byte[]> extraFiles,
            Configuration conf) {
        checkWritable(dir, overwrite, conf);
        if (!FILES.containsAll(extraFiles.keySet())) {
            throw new IllegalArgumentException("a model directory holds only " + FILES + ", not " + extraFiles.keySet());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(WEIGHTS, Safetensors.write(tensors(model)));
        files.putAll(extraFiles);
        try {
            byte[] json = ModelJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ModelJson.write(model));
            AtomicDirectory.write(new Path(dir), files, MODEL_JSON, json, conf);
        } catch (IOException e) {
            throw new InputException("cannot write model " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model, checking its format version, shapes and sizes.
     *
     * @throws ModelFormatException with one clear line when the directory does not hold a valid model
     */
    public static Model load(String dir, Configuration conf) {
        Path base = new Path(dir);
        String jsonName = new Path(base, MODEL_JSON).toString();
        String weightsName = new Path(base, WEIGHTS).toString();
        try {
            if (!AtomicDirectory.fileSystem(base, conf).exists(base)) {
                throw new ModelFormatException("model directory " + dir + " does not exist");
            }
            JsonNode root;
            try {
                root = ModelJson.JSON.readTree(readPart(base, MODEL_JSON, dir, conf));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ModelFormatException(jsonName + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
            ModelJson.Header header = ModelJson.read(root, jsonName);
            requireWeightsFileFits(new Path(base, WEIGHTS), header.network(), weightsName, dir, conf);
            byte[] bytes = readPart(base, WEIGHTS, dir, conf);
            double[] weights = weights(header.network(), Safetensors.read(bytes, weightsName), weightsName);
            return new Model(header.network(), weights, header.task(), header.labels(), header.features(),
                    header.vectorColumn(), header.scaler(), header.training(), header.inputs());
        } catch (IOException e) {
            throw new ModelFormatException("cannot read model " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readPart(Path base, String name, String dir, Configuration conf) throws IOException {
        Path file = new Path(base, name);
        try {
            return AtomicDirectory.read(file, conf);
        } catch (FileNotFoundException e) {
            throw new ModelFormatException(dir + " is not a complete sparkprop model: " + name + " is missing");
        }
    }

    /**
     * Checks the weights file's size against the parameters model.json declares before reading or allocating
     * anything: at least 4 bytes (F32) and at most 8 bytes (F64) a parameter, around a header of at most
     * {@link #MAX_HEADER} bytes; and the memory the weights need against the JVM's.
     */
    private static void requireWeightsFileFits(Path file, Network network, String name, String dir,
            Configuration conf) throws IOException {
        long length;
        try {
            length = AtomicDirectory.fileSystem(file, conf).getFileStatus(file).getLen();
        } catch (FileNotFoundException e) {
            throw new ModelFormatException(dir + " is not a complete sparkprop model: " + WEIGHTS + " is missing");
        }
        long parameters = network.parameterCount();
        if (length < 8 + 4 * parameters || length > 8 + MAX_HEADER + 8 * parameters) {
            throw new ModelFormatException(name + " has " + length + " bytes; the " + parameters + " parameters of "
                    + "model.json's layers " + java.util.Arrays.toString(network.layers()) + " take " + 4 * parameters
                    + " (F32) to " + 8 * parameters + " (F64) bytes and a header: the weights and model.json do not "
                    + "belong together");
        }
        // the file, its tensors as doubles and the flat weights
        AtomicDirectory.requireMemory(length + 16 * parameters, name);
    }

    /** The largest safetensors header read (the format's own limit). */
    private static final long MAX_HEADER = 100L << 20;

    /** layers.{l}.weight is W^{l+1} (row-major, as stored in the flat vector), layers.{l}.bias is b^{l+1}. */
    private static Map<String, Safetensors.Tensor> tensors(Model model) {
        Network network = model.network();
        double[] w = model.weights();
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (int l = 1; l <= network.depth(); l++) {
            int out = network.size(l);
            int in = network.size(l - 1);
            double[] weight = new double[out * in];
            System.arraycopy(w, network.weightOffset(l), weight, 0, weight.length);
            double[] bias = new double[out];
            System.arraycopy(w, network.biasOffset(l), bias, 0, out);
            tensors.put("layers." + (l - 1) + ".weight", new Safetensors.Tensor(new long[] {out, in}, weight));
            tensors.put("layers." + (l - 1) + ".bias", new Safetensors.Tensor(new long[] {out}, bias));
        }
        return tensors;
    }

    private static double[] weights(Network network, Map<String, Safetensors.Tensor> tensors, String name) {
        double[] w = new double[network.parameterCount()];
        java.util.Set<String> unused = new java.util.TreeSet<>(tensors.keySet());
        for (int l = 1; l <= network.depth(); l++) {
            int out = network.size(l);
            int in = network.size(l - 1);
            copy(tensors, "layers." + (l - 1) + ".weight", new long[] {out, in}, w, network.weightOffset(l), name);
            copy(tensors, "layers." + (l - 1) + ".bias", new long[] {out}, w, network.biasOffset(l), name);
            unused.remove("layers." + (l - 1) + ".weight");
            unused.remove("layers." + (l - 1) + ".bias");
        }
        if (!unused.isEmpty()) {
            throw new ModelFormatException(name + " holds tensors " + unused + " that model.json's " + network.depth()
                    + " layers do not use: the weights and model.json do not belong together");
        }
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new ModelFormatException(name + " holds a non-finite weight (" + w[i] + ")");
            }
        }
        return w;
    }

    private static void copy(Map<String, Safetensors.Tensor> tensors, String tensor, long[] shape, double[] w,
            int offset, String name) {
        Safetensors.Tensor t = tensors.get(tensor);
        if (t == null) {
            throw new ModelFormatException(name + " has no tensor " + tensor + "; it holds " + tensors.keySet());
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new ModelFormatException(name + ": tensor " + tensor + " has shape "
                    + java.util.Arrays.toString(t.shape()) + ", model.json's layers need "
                    + java.util.Arrays.toString(shape));
        }
        System.arraycopy(t.values(), 0, w, offset, t.values().length);
    }
}
