package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.systemtests.docker.ClusterOverlay;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster the fault suite starts (no process is started here): docker-compose.cluster.yml's, on localhost. */
class KafkaClusterTest {

    @Test
    void everyNodeHasEachBrokerSettingOfTheClusterOverlayAndItsOwnPortsAndDirectory(@TempDir Path dir) {
        KafkaCluster cluster = KafkaCluster.likeTheClusterOverlay(dir);

        assertThat(cluster.nodes()).extracting(KafkaBroker::nodeId).containsExactly(1, 2, 3);
        List<String> placement = List.of("node.id", "controller.quorum.voters", "listeners", "advertised.listeners",
                "listener.security.protocol.map", "inter.broker.listener.name", "controller.listener.names",
                "log.dirs");
        for (KafkaBroker node : cluster.nodes()) {
            Properties settings = node.settings();
            ClusterOverlay.brokerEnvironment().forEach((variable, value) -> {
                String property = variable.replaceFirst("^KAFKA_", "").toLowerCase(Locale.ROOT)
                        .replace("___", "-").replace("__", "\0").replace('_', '.').replace("\0", "_");
                if (!variable.startsWith("KAFKA_") || variable.equals("KAFKA_HEAP_OPTS")
                        || placement.contains(property)) {
                    return;
                }
                if (KafkaCluster.isSecuritySetting(property)) { // PLAINTEXT on localhost: KafkaAclsIT has the ACLs
                    assertThat(settings).as("node %d, from %s", node.nodeId(), variable).doesNotContainKey(property);
                } else {
                    assertThat(settings).as("node %d, from %s", node.nodeId(), variable).containsEntry(property, value);
                }
            });
            assertThat(settings).as("node %d", node.nodeId())
                    .containsEntry("process.roles", "broker,controller")
                    .containsEntry("default.replication.factor", "3")
                    .containsEntry("min.insync.replicas", "2")
                    .doesNotContainKey("share.coordinator.state.topic.replication.factor");
            assertThat(settings.getProperty("controller.quorum.voters"))
                    .matches("1@localhost:\\d+,2@localhost:\\d+,3@localhost:\\d+");
            assertThat(settings.getProperty("listeners")).contains("PLAINTEXT://localhost:");
        }
        assertThat(cluster.nodes().stream().map(node -> node.settings().getProperty("log.dirs")).distinct())
                .hasSize(3);
        assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
    }

    @Test
    void theServicesDeclareTheirTopicsAsTheOverlaySaysAndAreGivenEveryNode(@TempDir Path dir) {
        assertThat(KafkaCluster.likeTheClusterOverlay(dir).serviceEnvironment())
                .containsEntry("ORDERSAGA_MESSAGING_TOPICS_REPLICATION_FACTOR", "3")
                .containsEntry("ORDERSAGA_MESSAGING_TOPICS_MIN_INSYNC_REPLICAS", "2")
                .doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS")
                .doesNotContainKey("SPRING_KAFKA_SECURITY_PROTOCOL")
                .doesNotContainKey("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
    }

    @Test
    void aSingleNodeIsLocalStacksBrokerWithNothingAddedToTheServices(@TempDir Path dir) {
        KafkaCluster single = KafkaCluster.singleNode(dir);

        assertThat(single.nodes()).hasSize(1);
        assertThat(single.nodes().get(0).settings()).containsEntry("default.replication.factor", "1");
        assertThat(single.bootstrapServers()).isEqualTo(single.nodes().get(0).bootstrapServers());
        assertThat(single.serviceEnvironment()).isEmpty();
    }
}
