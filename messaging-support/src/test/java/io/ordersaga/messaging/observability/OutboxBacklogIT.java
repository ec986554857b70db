package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.it.MessagingTestApplication;
import io.ordersaga.messaging.kafka.EnvelopeCodec;
import io.ordersaga.messaging.kafka.WireSerializer;
import io.ordersaga.messaging.outbox.OutboxRelay;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox gauges while the broker cannot be reached: the service's relay is replaced by one whose producer points
 * at a port where no broker listens (the shared test broker cannot be stopped under the other tests). Same context as
 * MessagingPlumbingIT.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class OutboxBacklogIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int EVENTS = 3;

    @Autowired MeterRegistry registry;
    @Autowired EventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired OutboxRelay relay;
    @Autowired DataSource dataSource;
    @Autowired MessagingProperties properties;

    @Test
    void backlogAndOldestAgeRiseWhileTheBrokerIsUnreachableAndFallToZeroOnceItIsBack() {
        await().atMost(WAIT).until(() -> backlog() == 0);
        relay.stop();
        DefaultKafkaProducerFactory<String, Object> unreachable = unreachableBroker();
        OutboxRelay cutOff = new OutboxRelay(dataSource, new KafkaTemplate<>(unreachable), properties.getOutbox());
        List<UUID> orders = new ArrayList<>();
        try {
            cutOff.start();
            await().atMost(WAIT).until(cutOff::isLeader);
            for (int i = 0; i < EVENTS; i++) {
                UUID orderId = UUID.randomUUID();
                orders.add(orderId);
                transaction.executeWithoutResult(tx -> events.publish(
                        new OrderCompleted(orderId, "backlog", new BigDecimal("1.00"), "EUR")));
            }

            await().atMost(WAIT).until(() -> backlog() >= EVENTS && oldestAgeSeconds() > 0);
        } finally {
            cutOff.stop();
            unreachable.destroy();
            relay.start();
        }

        await().atMost(WAIT).until(() -> backlog() == 0);
        assertThat(oldestAgeSeconds()).isZero();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            orders.forEach(orderId -> assertThat(kafka.events(Topics.ORDER_EVENTS, orderId)).hasSize(1));
        }
    }

    private double backlog() {
        return registry.get(OutboxMetrics.BACKLOG).gauge().value();
    }

    private double oldestAgeSeconds() {
        return registry.get(OutboxMetrics.OLDEST_AGE).timeGauge().value(TimeUnit.SECONDS);
    }

    /** A producer for a port nobody listens on, which gives up on each send after a second. */
    private static DefaultKafkaProducerFactory<String, Object> unreachableBroker() {
        return new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
                new StringSerializer(), new WireSerializer(new EnvelopeCodec()));
    }
}
