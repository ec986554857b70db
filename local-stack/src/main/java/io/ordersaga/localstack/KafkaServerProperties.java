package io.ordersaga.localstack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code server.properties} of one laptop-sized Kafka node, written once for every place that runs one:
 * local-stack's in-process broker and the fault suite's broker in a JVM of its own.
 */
public final class KafkaServerProperties {

    private KafkaServerProperties() {
    }

    /**
     * One combined broker+controller with a static voter set. Static voters (not {@code --standalone}'s dynamic
     * quorum) keep the controller's address out of the log, so the same data directory works with other ports.
     * Replication factors are 1 because there is one broker; the small buffers and thread counts fit a laptop.
     *
     * @param port the PLAINTEXT listener for clients
     * @param controllerPort the KRaft CONTROLLER listener
     * @param logDir where the node keeps its data across restarts
     */
    public static Properties singleNode(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.setProperty("node.id", "1");
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }
}
