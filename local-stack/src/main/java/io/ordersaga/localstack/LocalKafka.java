package io.ordersaga.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in this JVM: one node in KRaft combined mode (broker and controller), built from the classes
 * of {@code kafka_2.13} exactly as {@code kafka-storage.sh format} and {@code kafka-server-start.sh} would.
 *
 * <p>The node keeps its data in {@code <dir>/data} across restarts. The first start formats that directory with
 * {@link StorageTool} and a fresh cluster id; later starts find {@code meta.properties} there and reuse it.
 *
 * <p>{@link KafkaRaftServer} is built the way {@code kafka.Kafka#main} builds it, rather than by calling that main
 * in a thread, because {@code kafka.Kafka#main} owns the JVM: it exits the process when the server stops and
 * installs its own shutdown hook. Holding the server lets the launcher stop it in the right order.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    /**
     * @param dir the broker's own directory (server.properties and data/ go there)
     * @param port the PLAINTEXT listener for clients
     * @param controllerPort the KRaft CONTROLLER listener
     */
    public LocalKafka(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Formats the storage on first use, then starts the broker and returns once it serves clients. */
    public synchronized void start() {
        if (closed) {
            throw new StartupException("Stopped while starting."); // Ctrl-C came first
        }
        if (server != null) {
            throw new IllegalStateException("Kafka is already running");
        }
        Path config = writeServerProperties();
        if (!isFormatted()) {
            format(config);
        }
        try {
            KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(serverProperties(), false),
                    Time.SYSTEM);
            // Returns once the broker has caught up with the metadata log and is unfenced, i.e. ready for clients.
            raftServer.startup();
            server = raftServer;
        } catch (RuntimeException e) {
            throw new StartupException("Kafka failed to start: " + e.getMessage()
                    + " (data in " + dataDir() + "; --wipe starts from scratch)", e);
        }
    }

    /**
     * Stops the broker (if it runs) and starts it again on the same log directory and port, so a person can watch
     * the services' Kafka clients reconnect and the saga go on. The broker runs in this JVM, so it cannot be killed
     * apart from the launcher; this is its stop-and-start.
     */
    public synchronized void restart() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        start();
    }

    /** The cluster id written when the data directory was formatted, or {@code null} before that. */
    public String clusterId() {
        Path meta = dataDir().resolve("meta.properties");
        if (!Files.exists(meta)) {
            return null;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("cluster.id");
    }

    /** Stops the broker and waits for it; a no-op when it is not running. It cannot be started again. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** See {@link KafkaServerProperties#singleNode}. */
    Properties serverProperties() {
        return KafkaServerProperties.singleNode(port, controllerPort, dataDir());
    }

    private Path writeServerProperties() {
        Path file = dir.resolve("server.properties");
        try {
            Files.createDirectories(dataDir());
            try (OutputStream out = Files.newOutputStream(file)) {
                serverProperties().store(out, "Written by ordersaga local-stack on every start; edits are lost.");
            }
        } catch (IOException e) {
            throw new StartupException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private boolean isFormatted() {
        return Files.exists(dataDir().resolve("meta.properties"));
    }

    /** {@code kafka-storage.sh format -t <new id> -c server.properties}, through the tool's own entry point. */
    private void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, out);
        } catch (RuntimeException e) {
            throw new StartupException("Formatting Kafka's storage in " + dataDir() + " failed: " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new StartupException("Formatting Kafka's storage in " + dataDir() + " failed: "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }
}
