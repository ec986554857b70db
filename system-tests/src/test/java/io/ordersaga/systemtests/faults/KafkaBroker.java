package io.ordersaga.systemtests.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.ordersaga.localstack.KafkaServerProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One Kafka node (KRaft, combined broker and controller) in its own JVM, started with Kafka's own entry points
 * ({@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}) from this JVM's class path, on fixed ports and
 * a persistent log directory, so it can be killed and started again on the same data. On its own it is the whole
 * cluster; {@link KafkaCluster} makes three of them one.
 */
final class KafkaBroker {

    private final Path dir;
    private final int port;
    private final Properties settings;
    private final String clusterId;
    private final ChildProcess process;

    /**
     * @param name the process's name, also its log's ({@code <dir>/<name>.log})
     * @param port the client listener in {@code settings}
     * @param settings the node's {@code server.properties}; its {@code log.dirs} is one directory under {@code dir}
     * @param clusterId the id its storage is formatted with, the same for every node of a cluster
     * @param heap the JVM's heap options
     */
    KafkaBroker(String name, Path dir, int port, Properties settings, String clusterId, List<String> heap) {
        this.dir = dir;
        this.port = port;
        this.settings = settings;
        this.clusterId = clusterId;
        List<String> command = new ArrayList<>(List.of(Jvm.java()));
        command.addAll(heap);
        // C1 only, as the suite's services: a node is restarted several times a run and serves a few orders a second,
        // so C2's compilations would cost more at each start than they could save.
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote", "-cp", Jvm.classPath(), "kafka.Kafka",
                config().toString()));
        this.process = new ChildProcess(name, command, Map.of(), dir.resolve(name + ".log"));
    }

    /** A cluster of one: local-stack's broker settings on free ports, with a cluster id of its own. */
    static KafkaBroker singleNode(Path dir) {
        int port = Jvm.freePort();
        return new KafkaBroker("kafka", dir, port,
                KafkaServerProperties.singleNode(port, Jvm.freePort(), dir.resolve("data")),
                Uuid.randomUuid().toString(), List.of("-Xms128m", "-Xmx512m"));
    }

    /** This node's own address; a client of a cluster should know every node's ({@link KafkaCluster}). */
    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The node's {@code server.properties}. */
    Properties settings() {
        return settings;
    }

    int nodeId() {
        return Integer.parseInt(settings.getProperty("node.id"));
    }

    ChildProcess process() {
        return process;
    }

    /** Formats the log directory on first use, starts the node and waits until it answers. */
    void start() {
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            writeConfig();
            format();
        }
        process.start();
        awaitReady(Duration.ofMinutes(5));
    }

    void kill() {
        process.kill();
    }

    /** Waits until the node answers metadata requests: in a cluster, once it has joined a controller quorum. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited; see " + process.log());
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                admin.listTopics().names().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                Jvm.sleep(Duration.ofMillis(300));
            }
        }
        throw new IllegalStateException("Kafka did not answer within " + timeout + "; see " + process.log());
    }

    private Path config() {
        return dir.resolve("server.properties");
    }

    private Path dataDir() {
        return Path.of(settings.getProperty("log.dirs"));
    }

    private void writeConfig() {
        try {
            Files.createDirectories(dataDir());
            try (OutputStream out = Files.newOutputStream(config())) {
                settings.store(out, "fault harness broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format() {
        ChildProcess format = new ChildProcess(process.name() + "-storage-format", List.of(Jvm.java(), "-cp",
                Jvm.classPath(), "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config().toString()),
                Map.of(), dir.resolve(process.name() + "-format.log"));
        format.start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (format.isAlive() && Instant.now().isBefore(deadline)) {
            Jvm.sleep(Duration.ofMillis(200));
        }
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format.kill();
            throw new IllegalStateException("Formatting Kafka's storage failed; see " + format.log());
        }
    }
}
