package io.ordersaga.systemtests.faults;

import io.ordersaga.localstack.KafkaServerProperties;
import io.ordersaga.systemtests.docker.ClusterOverlay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The Kafka a {@link FaultStack} runs on: a single broker, or three KRaft nodes configured as
 * docker-compose.cluster.yml configures its containers, each in its own JVM on localhost.
 */
final class KafkaCluster {

    /**
     * Where the overlay's containers and these processes must differ: listeners on localhost ports instead of
     * container names, and a directory each. Everything else the overlay gives its brokers is applied as it is.
     */
    private static final Set<String> PLACEMENT = Set.of("node.id", "controller.quorum.voters", "listeners",
            "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name",
            "controller.listener.names", "log.dirs");

    /**
     * The overlay's logins and ACLs (SASL/SCRAM listeners, the authorizer, its super users): the harness's nodes and
     * services talk PLAINTEXT on localhost. What these scenarios test is replication; who may write where is shown on
     * a secured broker by local-stack's {@code KafkaAclsIT}, with the overlay's own ACL file.
     */
    static boolean isSecuritySetting(String property) {
        return property.startsWith("sasl.") || property.startsWith("listener.name.")
                || property.equals("authorizer.class.name") || property.equals("super.users");
    }

    private final List<KafkaBroker> nodes;
    private final Map<String, String> serviceEnvironment;

    private KafkaCluster(List<KafkaBroker> nodes, Map<String, String> serviceEnvironment) {
        this.nodes = List.copyOf(nodes);
        this.serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** One broker with local-stack's settings (replication factor 1). */
    static KafkaCluster singleNode(Path dir) {
        return new KafkaCluster(List.of(KafkaBroker.singleNode(dir)), Map.of());
    }

    /**
     * The overlay's cluster: as many combined broker+controller nodes as its quorum has voters (three), its cluster
     * id, replication settings (RF 3, {@code min.insync.replicas=2}, ...) and heap; services get what the overlay
     * adds to theirs (topics declared with RF 3 and min ISR 2). The laptop-sized buffers and thread counts are
     * local-stack's, as for the single broker.
     */
    static KafkaCluster likeTheClusterOverlay(Path dir) {
        Map<String, String> overlay = ClusterOverlay.brokerEnvironment();
        List<Integer> ids = List.of(overlay.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).stream()
                .map(voter -> Integer.valueOf(voter.substring(0, voter.indexOf('@')))).toList();
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        ids.forEach(id -> {
            ports.put(id, Jvm.freePort());
            controllerPorts.put(id, Jvm.freePort());
        });
        String voters = ids.stream().map(id -> id + "@localhost:" + controllerPorts.get(id))
                .collect(Collectors.joining(","));
        List<String> heap = List.of(overlay.get("KAFKA_HEAP_OPTS").split("\\s+"));
        List<KafkaBroker> nodes = new ArrayList<>();
        for (int id : ids) {
            Path nodeDir = dir.resolve("kafka-" + id);
            Properties settings = KafkaServerProperties.singleNode(ports.get(id), controllerPorts.get(id),
                    nodeDir.resolve("data"));
            // Single-node values the overlay leaves to Kafka's defaults (3 replicas, 2 in sync), as its image does.
            settings.remove("share.coordinator.state.topic.replication.factor");
            settings.remove("share.coordinator.state.topic.min.isr");
            brokerSettings(overlay).forEach(settings::setProperty);
            settings.setProperty("node.id", String.valueOf(id));
            settings.setProperty("controller.quorum.voters", voters);
            nodes.add(new KafkaBroker("kafka-" + id, nodeDir, ports.get(id), settings, overlay.get("CLUSTER_ID"),
                    heap));
        }
        Map<String, String> services = new LinkedHashMap<>(ClusterOverlay.serviceEnvironment());
        services.remove("KAFKA_BOOTSTRAP_SERVERS"); // the harness gives every service all the nodes' addresses
        services.keySet().removeIf(variable -> variable.equals("SPRING_KAFKA_SECURITY_PROTOCOL")
                || variable.startsWith("SPRING_KAFKA_PROPERTIES_SASL_")); // PLAINTEXT here: isSecuritySetting
        return new KafkaCluster(nodes, services);
    }

    /**
     * The overlay's {@code KAFKA_*} variables as the apache/kafka image turns them into {@code server.properties}
     * ({@code KAFKA_MIN_INSYNC_REPLICAS} is {@code min.insync.replicas}), less {@link #PLACEMENT} and the heap.
     */
    private static Map<String, String> brokerSettings(Map<String, String> overlay) {
        Map<String, String> settings = new LinkedHashMap<>();
        overlay.forEach((variable, value) -> {
            if (!variable.startsWith("KAFKA_") || variable.equals("KAFKA_HEAP_OPTS")) {
                return;
            }
            // The image's escapes: '___' is '-', '__' is '_', '_' is '.'.
            String property = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
                    .replace("___", "-").replace("__", "\0").replace('_', '.').replace("\0", "_");
            if (!PLACEMENT.contains(property) && !isSecuritySetting(property)) {
                settings.put(property, value);
            }
        });
        return settings;
    }

    /** Every node's address, so that a client survives any one of them being down. */
    String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    List<KafkaBroker> nodes() {
        return nodes;
    }

    KafkaBroker node(int nodeId) {
        return nodes.stream().filter(node -> node.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka node " + nodeId));
    }

    /** What a service's environment needs on top of the bootstrap servers (nothing for a single broker). */
    Map<String, String> serviceEnvironment() {
        return serviceEnvironment;
    }

    /** Starts every node that is not running, together (a quorum needs a majority of them to answer at all). */
    void start() {
        CompletableFuture.allOf(nodes.stream().filter(node -> !node.process().isAlive())
                .map(node -> CompletableFuture.runAsync(node::start)).toArray(CompletableFuture[]::new)).join();
    }

    /** {@code kill -9} of every node, paused or not. */
    void kill() {
        nodes.forEach(node -> {
            node.process().resume();
            node.kill();
        });
    }

    /** The partition's leader and replicas as the cluster reports them now. */
    static TopicPartitionInfo describe(Admin admin, TopicPartition partition) throws Exception {
        TopicDescription topic = admin.describeTopics(List.of(partition.topic())).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(partition.topic());
        return topic.partitions().get(partition.partition());
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again; returns how long that took, or
     * -1 if it did not happen within {@code timeout}.
     */
    static long awaitInSync(Admin admin, Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                Set<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions()
                        .listInternal(true)).names().get(10, TimeUnit.SECONDS);
                boolean inSync = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()
                        .stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.isr().size() == partition.replicas().size());
                if (inSync) {
                    return Duration.between(start, Instant.now()).toMillis();
                }
            } catch (Exception e) {
                // a node is still joining: ask again
            }
            Jvm.sleep(Duration.ofMillis(500));
        }
        return -1;
    }
}
