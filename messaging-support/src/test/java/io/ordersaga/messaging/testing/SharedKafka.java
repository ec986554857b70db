package io.ordersaga.messaging.testing;

import java.util.Map;

/**
 * One real Kafka broker per test JVM, started on first use: embedded or in a container, as
 * {@link InfrastructureMode#current()} says.
 */
public final class SharedKafka {

    /** Partitions of a topic nobody declared explicitly; the services declare theirs with the same count. */
    static final int PARTITIONS = 3;
    /**
     * Broker settings in both modes: no rebalance delay for a quick first assignment, no implicit topics, and a
     * transaction log a single broker can serve, so exactly-once Kafka Streams (analytics-service) commits.
     */
    static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "num.partitions", Integer.toString(PARTITIONS),
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1");

    private static String bootstrapServers;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = InfrastructureMode.current().startKafka();
        }
        return bootstrapServers;
    }
}
