package io.ordersaga.systemtests.docker;

import static io.ordersaga.systemtests.docker.ComposeFileTest.DESIGN_PORTS;
import static io.ordersaga.systemtests.docker.ComposeFileTest.advertisedListeners;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.messaging.MessagingProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.cluster.yml, an overlay on docker-compose.yml: three KRaft brokers, topics replicated three times
 * with two in sync, and two instances of every service. Environments are merged as compose merges them.
 */
class ClusterComposeFileTest {

    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");
    private static final String ALL_BROKERS = "kafka:29092,kafka-2:29092,kafka-3:29092";

    private final ComposeFile base = ComposeFile.load("docker-compose.yml");
    private final ComposeFile cluster = ComposeFile.load("docker-compose.cluster.yml");

    @Test
    void threeKraftNodesFormOneQuorumOfOneCluster() {
        Set<String> nodeIds = new TreeSet<>();
        for (String broker : BROKERS) {
            Map<String, String> environment = environment(broker);
            assertThat(environment).as(broker)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("CLUSTER_ID", base.service("kafka").environment().get("CLUSTER_ID"));
            nodeIds.add(environment.get("KAFKA_NODE_ID"));
        }
        assertThat(nodeIds).containsExactly("1", "2", "3");
        assertThat(advertisedListeners(cluster.service("kafka-2"))).containsEntry("INTERNAL", "kafka-2:29092");
        assertThat(advertisedListeners(cluster.service("kafka-3"))).containsEntry("INTERNAL", "kafka-3:29092");
    }

    @Test
    void theAddedBrokersRunLikeTheFirstOneEachOnItsOwnVolume() {
        for (String broker : List.of("kafka-2", "kafka-3")) {
            ComposeService service = cluster.service(broker);
            assertThat(service.image()).as(broker).isEqualTo(base.service("kafka").image());
            assertThat(service.healthcheck()).as(broker).isNotEmpty();
            assertThat(service.restart()).as(broker).isEqualTo("unless-stopped");
            assertThat(service.memoryLimit()).as(broker).isPresent();
            assertThat(service.volumes()).as(broker).containsExactly(broker + "-data:/var/lib/kafka/data");
            assertThat(cluster.volumeNames()).contains(broker + "-data");
        }
    }

    @Test
    void everyTopicIsReplicatedThreeTimesAndAWriteNeedsTwoInSyncReplicas() {
        for (String broker : BROKERS) {
            assertThat(environment(broker)).as(broker)
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
        }
        assertThat(environment("kafka-init"))
                .containsEntry("BOOTSTRAP_SERVERS", ALL_BROKERS)
                .containsEntry("TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("TOPIC_MIN_INSYNC_REPLICAS", "2");
        assertThat(cluster.service("kafka-init").dependsOn())
                .containsEntry("kafka-2", "service_healthy")
                .containsEntry("kafka-3", "service_healthy");
    }

    @Test
    void everyServiceRunsTwiceOnAllBrokersAndDeclaresItsTopicsLikeTheTopicJob() {
        Map<String, String> job = environment("kafka-init");
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(cluster.service(service).replicas()).as(service).isEqualTo(2);
            assertThat(cluster.service(service).dependsOn()).as(service)
                    .containsEntry("kafka-2", "service_healthy")
                    .containsEntry("kafka-3", "service_healthy");
            Map<String, String> environment = environment(service);
            assertThat(environment).as(service).containsEntry("KAFKA_BOOTSTRAP_SERVERS", ALL_BROKERS);
            MessagingProperties.Topics topics = BoundSettings.topics(environment);
            assertThat(topics.getReplicationFactor()).as(service)
                    .isEqualTo(Short.parseShort(job.get("TOPIC_REPLICATION_FACTOR")));
            assertThat(topics.getMinInsyncReplicas()).as(service)
                    .isEqualTo(Integer.parseInt(job.get("TOPIC_MIN_INSYNC_REPLICAS")));
            assertThat(topics.getPartitions()).as(service).isEqualTo(Integer.parseInt(job.get("TOPIC_PARTITIONS")));
        }
    }

    @Test
    void theUiSeesAllThreeBrokers() {
        assertThat(environment("kafka-ui")).containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", ALL_BROKERS);
    }

    /** The service's environment in the base file, overridden key by key by the overlay. */
    private Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (base.serviceNames().contains(service)) {
            environment.putAll(base.service(service).environment());
        }
        environment.putAll(cluster.service(service).environment());
        return environment;
    }
}
