package io.ordersaga.systemtests.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.ordersaga.localstack.KafkaServerProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka broker (KRaft, combined broker and controller) in its own JVM, started with Kafka's own entry points
 * ({@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}) from this JVM's class path, on fixed ports and
 * a persistent log directory, so it can be killed and started again on the same data.
 */
final class KafkaBroker {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final ChildProcess process;

    KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = new ChildProcess("kafka", List.of(Jvm.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", Jvm.classPath(), "kafka.Kafka", config().toString()), Map.of(), dir.resolve("kafka.log"));
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    ChildProcess process() {
        return process;
    }

    /** Formats the log directory on first use, starts the broker and waits until it answers. */
    void start() {
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            writeConfig();
            format();
        }
        process.start();
        awaitReady(Duration.ofMinutes(5));
    }

    void kill() {
        process.kill();
    }

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

    /** local-stack's broker settings, on this broker's ports and directory. */
    private void writeConfig() {
        Properties p = KafkaServerProperties.singleNode(port, controllerPort, dir.resolve("data"));
        try {
            Files.createDirectories(dir.resolve("data"));
            try (OutputStream out = Files.newOutputStream(config())) {
                p.store(out, "fault harness broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format() {
        ChildProcess format = new ChildProcess("kafka-storage-format", List.of(Jvm.java(), "-cp", Jvm.classPath(),
                "kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c", config().toString()), Map.of(), dir.resolve("kafka-format.log"));
        format.start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (format.isAlive() && Instant.now().isBefore(deadline)) {
            Jvm.sleep(Duration.ofMillis(200));
        }
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            format.kill();
            throw new IllegalStateException("Formatting Kafka's storage failed; see " + format.log());
        }
    }
}
