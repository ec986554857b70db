package io.ordersaga.messaging.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real Kafka broker (spring-kafka-test's embedded KRaft broker) per test JVM, started on first use. */
public final class SharedKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 3);
            started.brokerProperty("group.initial.rebalance.delay.ms", "0");
            started.brokerProperty("auto.create.topics.enable", "false");
            started.afterPropertiesSet();
            broker = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "shared-kafka-stop"));
        }
        return broker.getBrokersAsString();
    }
}
