package io.github.sparkprop.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real Hadoop cluster for a test class, in the test's JVM and on loopback: HDFS (Hadoop's MiniDFSCluster, a
 * NameNode and DataNodes) and YARN (MiniYARNCluster, a ResourceManager and NodeManagers that launch each
 * container as a process of its own). Its client configuration is written to a directory, the
 * {@code HADOOP_CONF_DIR} of the jobs submitted to it, as a real cluster's would be.
 */
public final class HadoopCluster implements AutoCloseable {

    private final MiniDFSCluster hdfs;
    private final MiniYARNCluster yarn;
    private final Path confDir;
    private final Path yarnDir;

    private HadoopCluster(MiniDFSCluster hdfs, MiniYARNCluster yarn, Path confDir, Path yarnDir) {
        this.hdfs = hdfs;
        this.yarn = yarn;
        this.confDir = confDir;
        this.yarnDir = yarnDir;
    }

    /**
     * Starts HDFS with {@code dataNodes} DataNodes (files kept in {@code replication} copies) and YARN with
     * {@code nodeManagers} NodeManagers of {@code nodeMemoryMb} each: HDFS's files and the configuration under
     * target/NAME, YARN's (the containers' logs among them) under target/test/data/NAME.
     */
    public static HadoopCluster start(String name, int dataNodes, int replication, int nodeManagers,
            int nodeMemoryMb) throws IOException, InterruptedException, YarnException {
        Path dir = Path.of("target", name).toAbsolutePath();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        for (String address : List.of("dfs.namenode.rpc-address", "dfs.namenode.http-address",
                "dfs.datanode.address", "dfs.datanode.http.address", "dfs.datanode.ipc.address")) {
            conf.set(address, "127.0.0.1:0");
        }
        conf.setInt("dfs.replication", replication);
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(dataNodes).build();
        hdfs.waitActive();
        String fsUri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();

        YarnConfiguration yarnConf = new YarnConfiguration();
        yarnConf.set("fs.defaultFS", fsUri);
        yarnConf.setInt("dfs.replication", replication);
        yarnConf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", nodeMemoryMb);
        yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, nodeMemoryMb);
        // the CapacityScheduler's one queue (its capacity-scheduler.xml is not in the minicluster jar), which
        // may give all of the cluster to application masters
        yarnConf.set("yarn.scheduler.capacity.root.queues", "default");
        yarnConf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        yarnConf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        yarnConf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1f);
        yarnConf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        // a test machine's disk may be fuller than YARN's default 90 %; its NodeManagers must still run
        yarnConf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
        yarnConf.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);
        MiniYARNCluster yarn = new MiniYARNCluster(name, nodeManagers, 1, 1);
        yarn.init(yarnConf);
        yarn.start();
        if (!yarn.waitForNodeManagersToConnect(60_000)) {
            yarn.stop();
            hdfs.shutdown();
            throw new IllegalStateException("the NodeManagers did not register within 60 s");
        }
        Path confDir = dir.resolve("conf");
        Files.createDirectories(confDir);
        try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
            yarn.getConfig().writeXml(out);
        }
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", fsUri);
        core.setInt("dfs.replication", replication);
        try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
            core.writeXml(out);
        }
        return new HadoopCluster(hdfs, yarn, confDir, yarn.getTestWorkDir().toPath());
    }

    /** The directory of core-site.xml and yarn-site.xml, for HADOOP_CONF_DIR. */
    public Path confDir() {
        return confDir;
    }

    /** hdfs://127.0.0.1:PORT followed by the path. */
    public String uri(String path) {
        return "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + path;
    }

    public FileSystem fileSystem() throws IOException {
        return hdfs.getFileSystem();
    }

    /** A client configuration of this cluster's HDFS. */
    public Configuration configuration() {
        return hdfs.getConfiguration(0);
    }

    /** The DataNode (its index) that holds a copy of the first block of the file at {@code path}. */
    public int dataNodeHoldingFirstBlock(String path) throws IOException {
        BlockLocation[] blocks = fileSystem().getFileBlockLocations(new org.apache.hadoop.fs.Path(path), 0, 1);
        List<String> holders = List.of(blocks[0].getNames());
        List<DataNode> dataNodes = hdfs.getDataNodes();
        for (int i = 0; i < dataNodes.size(); i++) {
            if (holders.contains("127.0.0.1:" + dataNodes.get(i).getXferPort())) {
                return i;
            }
        }
        throw new IllegalStateException("no DataNode of " + holders + " is running");
    }

    /**
     * Stops DataNode i as a crash would (the NameNode still counts on it until its heartbeats are missed) and
     * returns the address it served blocks on.
     */
    public String stopDataNode(int i) {
        String address = "127.0.0.1:" + hdfs.getDataNodes().get(i).getXferPort();
        hdfs.stopDataNode(i);
        return address;
    }

    /** The ids of the applications YARN has been given so far. */
    public Set<String> applicationIds() {
        return yarn.getResourceManager().getRMContext().getRMApps().keySet().stream().map(Object::toString)
                .collect(Collectors.toSet());
    }

    /**
     * The JVM of each running container whose command line contains {@code text} (e.g. the executor class),
     * found among this JVM's descendants (the NodeManagers run in this JVM; each container is a shell that
     * runs the JVM).
     */
    public List<ProcessHandle> containerJvms(String text) {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .filter(p -> Processes.commandLine(p.pid()).contains(text))
                .forEach(found::add);
        return found;
    }

    /** All that the containers of one YARN application wrote to their stdout and stderr so far. */
    public String containerOutput(String applicationId) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(yarnDir)) {
            for (Path file : files.filter(p -> p.toString().contains("/" + applicationId + "/")
                    && p.getFileName().toString().matches("stdout|stderr")).toList()) {
                all.append(Files.readString(file));
            }
        } catch (UncheckedIOException e) {
            // a container's directory removed while walking: what was read so far is the answer
        }
        return all.toString();
    }

    /** Stops YARN (its NodeManagers kill their containers), then HDFS. */
    @Override
    public void close() {
        yarn.stop();
        hdfs.shutdown();
    }
}
