package io.ordersaga.analytics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing guarantee the ITs can run with on the shared test broker. The service runs exactly-once v2, which
 * needs the broker's transaction log: a broker whose {@code transaction.state.log.replication.factor} is higher
 * than its number of nodes (the embedded test broker's default is 3 on one node) never completes a transaction,
 * so there the ITs fall back to at-least-once and say so. Everything they assert holds under both guarantees.
 */
final class SharedBrokerGuarantee {

    private static final Logger log = LoggerFactory.getLogger(SharedBrokerGuarantee.class);
    private static final String TRANSACTION_LOG_REPLICATION = "transaction.state.log.replication.factor";

    private SharedBrokerGuarantee() {
    }

    static String of(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int nodes = admin.describeCluster().nodes().get().size();
            Node any = admin.describeCluster().nodes().get().iterator().next();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, any.idString());
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            ConfigEntry replication = config.get(TRANSACTION_LOG_REPLICATION);
            int needed = Integer.parseInt(replication.value());
            if (needed <= nodes) {
                return StreamsConfig.EXACTLY_ONCE_V2;
            }
            log.warn("The shared test broker has {} node(s) but {}={}: transactions cannot complete there, so the ITs "
                    + "run Kafka Streams at-least-once instead of exactly-once v2", nodes, TRANSACTION_LOG_REPLICATION,
                    needed);
            return StreamsConfig.AT_LEAST_ONCE;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe the shared test broker", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
