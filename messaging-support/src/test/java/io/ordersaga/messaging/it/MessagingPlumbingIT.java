package io.ordersaga.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.outbox.OutboxRelay;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class MessagingPlumbingIT {

    private static final String DLT = Topics.deadLetter(Topics.ORDER_EVENTS, "messaging-it");
    private static KafkaTestClient kafka;

    @Autowired EventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcTemplate jdbc;
    @Autowired OutboxRelay relay;
    @Autowired DataSource dataSource;
    @Autowired KafkaTemplate<String, Object> template;
    @Autowired MessagingProperties properties;

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void publishesCommittedEventsWithEnvelopeAndHeaders() {
        UUID orderId = UUID.randomUUID();
        transaction.executeWithoutResult(tx -> events.publish(completed(orderId)));

        ConsumerRecord<String, String> record = awaitOne(Topics.ORDER_EVENTS, orderId);
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("OrderCompleted");
        assertThat(header(record, EventHeaders.EVENT_VERSION)).isEqualTo("1");
        assertThat(record.value()).contains("\"eventType\":\"OrderCompleted\"", "\"source\":\"messaging-it\"",
                "\"correlationId\"", "\"causationId\"").doesNotContain("io.ordersaga");
        EventEnvelope<SagaEvent> envelope = kafka.events(Topics.ORDER_EVENTS, orderId).get(0);
        assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(envelope.eventId().toString());
    }

    @Test
    void neverSendsEventsOfARolledBackTransaction() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        transaction.executeWithoutResult(tx -> {
            events.publish(completed(rolledBack));
            tx.setRollbackOnly();
        });
        transaction.executeWithoutResult(tx -> events.publish(completed(committed)));

        awaitOne(Topics.ORDER_EVENTS, committed);
        assertThat(kafka.events(Topics.ORDER_EVENTS, rolledBack)).isEmpty();
    }

    @Test
    void refusesToPublishOutsideATransaction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> events.publish(completed(UUID.randomUUID())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void handlesAnEventDeliveredTwiceOnce() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "alice"));
        kafka.send(placed);
        EventEnvelope<SagaEvent> later = kafka.send(placed(orderId, "bob"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(later.eventId()) == 1);
        assertThat(handledCount(placed.eventId())).isEqualTo(1);
        assertThat(kafka.events(Topics.INVENTORY_EVENTS, orderId)).hasSize(2);
    }

    @Test
    void continuesTheSagaWithCorrelationAndCausation() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "carol"));

        EventEnvelope<SagaEvent> reserved = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.events(Topics.INVENTORY_EVENTS, orderId), list -> !list.isEmpty()).get(0);
        assertThat(reserved.data()).isInstanceOf(InventoryReserved.class);
        assertThat(reserved.metadata().correlationId()).isEqualTo(placed.metadata().correlationId());
        assertThat(reserved.metadata().causationId()).isEqualTo(placed.eventId().toString());
        assertThat(reserved.source()).isEqualTo("messaging-it");
    }

    @Test
    void deadLettersPoisonRecordsOnceAndProcessesTheNextRecord() {
        UUID orderId = UUID.randomUUID();
        String key = orderId.toString();
        kafka.sendRaw(Topics.ORDER_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8), Map.of("eventType", "OrderPlaced"));
        kafka.sendRaw(Topics.ORDER_EVENTS, key, "{}".getBytes(StandardCharsets.UTF_8), Map.of("eventType", "io.evil.Gadget"));
        String invalid = new String(new io.ordersaga.messaging.kafka.EnvelopeCodec().write(
                KafkaTestClient.envelope(placed(orderId, "dave"), "test")), StandardCharsets.UTF_8)
                .replace("\"quantity\":1", "\"quantity\":-1");
        kafka.sendRaw(Topics.ORDER_EVENTS, key, invalid.getBytes(StandardCharsets.UTF_8), Map.of("eventType", "OrderPlaced"));
        EventEnvelope<SagaEvent> next = kafka.send(placed(orderId, "erin"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(next.eventId()) == 1);
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(DLT, orderId), list -> list.size() >= 3);
        assertThat(dead).hasSize(3);
        assertThat(dead).allSatisfy(record -> {
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.ORDER_EVENTS);
            assertThat(header(record, "kafka_dlt-original-offset")).isNotBlank();
            assertThat(header(record, "kafka_dlt-original-partition")).isNotBlank();
            assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();
        });
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        assertThat(header(dead.get(1), EventHeaders.DLT_CAUSE)).contains("unknown eventType");
        assertThat(header(dead.get(2), EventHeaders.DLT_CAUSE)).contains("quantity");
    }

    @Test
    void retriesTransientFailuresAndThenSucceeds() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "fails-twice"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(placed.eventId()) == 1);
        // The effect's event leaves through the outbox relay after the inbox commit: wait for it, then look once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kafka.events(Topics.INVENTORY_EVENTS, orderId)).hasSize(1));
        assertThat(recordsFor(DLT, orderId)).isEmpty();
    }

    @Test
    void deadLettersARecordThatKeepsFailingAndMovesOn() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> failing = kafka.send(placed(orderId, "always-fails"));
        EventEnvelope<SagaEvent> next = kafka.send(placed(orderId, "frank"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(next.eventId()) == 1);
        assertThat(handledCount(failing.eventId())).isZero();
        List<ConsumerRecord<String, String>> dead = recordsFor(DLT, orderId);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("transient failure");
    }

    @Test
    void keepsAnUnsentBacklogAndOnlyOneRelayIsActive() {
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        OutboxRelay standby = new OutboxRelay(dataSource, template, properties.getOutbox());
        standby.start();
        try {
            UUID first = UUID.randomUUID();
            transaction.executeWithoutResult(tx -> events.publish(completed(first)));
            awaitOne(Topics.ORDER_EVENTS, first);
            assertThat(standby.isLeader()).isFalse();

            relay.stop();
            UUID backlog = UUID.randomUUID();
            await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
            standby.stop();
            transaction.executeWithoutResult(tx -> events.publish(completed(backlog)));
            assertThat(outboxRows(backlog)).as("waiting with no relay running").isEqualTo(1);

            relay.start();
            awaitOne(Topics.ORDER_EVENTS, backlog);
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(backlog) == 0);
        } finally {
            standby.stop();
            relay.start();
        }
    }

    private int outboxRows(UUID orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM messaging.outbox WHERE message_key = ?", Integer.class,
                orderId.toString());
    }

    private int handledCount(UUID eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM handled WHERE event_id = ?", Integer.class, eventId);
    }

    private ConsumerRecord<String, String> awaitOne(String topic, UUID orderId) {
        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(topic, orderId), list -> !list.isEmpty());
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static List<ConsumerRecord<String, String>> recordsFor(String topic, UUID orderId) {
        return kafka.records(topic, orderId);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return EventHeaders.text(record.headers(), name);
    }

    static OrderCompleted completed(UUID orderId) {
        return new OrderCompleted(orderId, "alice", new BigDecimal("12.50"), "EUR");
    }

    static OrderPlaced placed(UUID orderId, String customerId) {
        return new OrderPlaced(orderId, customerId, List.of(new OrderLine("BOOK-EDA", 1)),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }
}
