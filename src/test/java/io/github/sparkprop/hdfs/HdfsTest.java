package io.github.sparkprop.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkprop.app.Main;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.model.ModelStore;
import io.github.sparkprop.ml.SparkPropClassificationModel;
import io.github.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HDFS (Hadoop's MiniDFSCluster: a NameNode and a DataNode in this JVM, on loopback): CSV and Parquet
 * written there, models trained from hdfs:// input and saved to hdfs://, loaded back and used; Spark ML's local
 * saving mode (Spark Connect's model cache) writes to the local disk while HDFS is the default file system.
 */
class HdfsTest {

    @TempDir
    static Path base;

    private static MiniDFSCluster cluster;
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        SharedSpark.session().sparkContext().hadoopConfiguration().set("dfs.replication", "1");
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static int run(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void trainsFromHdfsAndSavesTheModelThere() throws IOException {
        FileSystem fs = cluster.getFileSystem();
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/iris.csv"))) {
            out.write(Files.readString(Path.of("data/iris.csv")).getBytes(StandardCharsets.UTF_8));
        }
        String csv = root + "/data/iris.csv";
        String parquet = root + "/data/iris.parquet";
        SharedSpark.session().read().option("header", true)
                .schema("sepal_length DOUBLE, sepal_width DOUBLE, petal_length DOUBLE, petal_width DOUBLE, species STRING")
                .csv(csv).write().parquet(parquet);

        for (String input : new String[] {csv, parquet}) {
            String model = root + "/models/" + (input.endsWith(".csv") ? "from-csv" : "from-parquet");
            StringWriter trained = new StringWriter();
            run(trained, "train", "--input", input, "--label", "species", "--standardize", "--learning-rate", "0.5",
                    "--iterations", "100", "--output", model);
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(model + "/model.json")), model);
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(model + "/weights.safetensors")), model);
            assertEquals(0, fs.listStatus(new org.apache.hadoop.fs.Path(root + "/models"),
                    p -> p.getName().startsWith(".")).length, "no temporary directory left");

            Model loaded = ModelStore.load(model, SharedSpark.session().sparkContext().hadoopConfiguration());
            assertEquals(3, loaded.labels().size());
            StringWriter scored = new StringWriter();
            run(scored, "evaluate", "--model", model, "--input", input, "--json");
            JsonNode metrics = new ObjectMapper().readTree(scored.toString());
            assertEquals(150, metrics.get("samples").asInt());
            assertTrue(metrics.get("accuracy").asDouble() > 0.9, scored.toString());
        }
    }

    @Test
    void localSavingModeWritesToTheLocalDiskWhenTheDefaultFileSystemIsHdfs() throws IOException {
        Path cliModel = base.resolve("cli-model");
        run(new StringWriter(), "train", "--input", "data/iris.csv", "--label", "species", "--iterations", "20",
                "--output", cliModel.toString());
        SparkPropClassificationModel model = SparkPropClassificationModel.load(cliModel.toString());
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        String defaultFs = conf.get("fs.defaultFS");
        Path local = base.resolve("cached-model");
        conf.set("fs.defaultFS", root);
        try {
            model.write().saveToLocal(local.toString());
            assertTrue(Files.exists(local.resolve("model.json")), "saved on the local disk");
            assertTrue(Files.exists(local.resolve("metadata")), "with Spark ML's metadata");
            assertFalse(cluster.getFileSystem().exists(new org.apache.hadoop.fs.Path(local.toString())),
                    "nothing written to HDFS");
            SparkPropClassificationModel loaded = SparkPropClassificationModel.read().loadFromLocal(local.toString());
            assertEquals(model.uid(), loaded.uid());
            assertArrayEquals(model.weights(), loaded.weights());
        } finally {
            conf.set("fs.defaultFS", defaultFs);
        }
    }
}
