package io.ordersaga.messaging.observability;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code kafka} in {@code /actuator/health} and in the readiness group: UP while the broker answers within a few
 * seconds. A service that cannot reach Kafka can neither publish nor consume, so it should take no traffic; it stays
 * alive, though (liveness leaves Kafka out), because restarting it would not bring the broker back.
 */
final class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final BrokerClient broker;

    KafkaHealthIndicator(BrokerClient broker) {
        super("Kafka health check failed");
        this.broker = broker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BrokerClient.Cluster cluster = broker.cluster();
        builder.up().withDetail("clusterId", cluster.id()).withDetail("brokers", cluster.brokers());
    }
}
