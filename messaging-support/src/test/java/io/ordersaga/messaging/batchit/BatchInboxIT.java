package io.ordersaga.messaging.batchit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.kafka.EventHeaders;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link io.ordersaga.messaging.inbox.Inbox#handleBatch}: a poll's records in one transaction, with the guarantees
 * of the record path: each event once, poison and failing records dead-lettered once, the others unaffected.
 */
@SpringBootTest(classes = BatchTestApplication.class, properties = {
        "spring.kafka.consumer.group-id=" + BatchInboxIT.GROUP, "ordersaga.test.database=messaging_batch_it"})
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class BatchInboxIT {

    static final String GROUP = "messaging-batch-it";
    private static final String DLT = Topics.deadLetter(Topics.ORDER_EVENTS, GROUP);
    private static KafkaTestClient kafka;

    @Autowired JdbcTemplate jdbc;
    @Autowired KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void handlesTheRecordsOfOnePollInOneTransaction() {
        MessageListenerContainer container = listeners.getListenerContainer(BatchTestApplication.LISTENER);
        // The listener reads all of order.events, records other test classes sent included: one that keeps failing
        // (dead-lettered only after its retries) would share the poll with this test's records, fail the batch, and
        // have them handled one by one. Stop only when everything before them is handled.
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp(GROUP, Topics.ORDER_EVENTS));
        container.stop();
        List<EventEnvelope<SagaEvent>> sent = new ArrayList<>();
        UUID orderId = UUID.randomUUID();
        try {
            for (int i = 0; i < 30; i++) {
                sent.add(kafka.send(placed(orderId, "batch-" + i)));
            }
        } finally {
            container.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> handledRows(orderId) == sent.size());
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT tx) FROM handled_batch WHERE order_id = ?",
                Integer.class, orderId)).isEqualTo(1);
    }

    @Test
    void handlesAnEventDeliveredTwiceInOneBatchOnce() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "alice"));
        kafka.send(placed);
        EventEnvelope<SagaEvent> later = kafka.send(placed(orderId, "bob"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(later.eventId()) == 1);
        assertThat(handledCount(placed.eventId())).isEqualTo(1);
    }

    @Test
    void deadLettersEachPoisonRecordOnceAndHandlesTheValidOnesAroundIt() {
        UUID orderId = UUID.randomUUID();
        String key = orderId.toString();
        EventEnvelope<SagaEvent> first = kafka.send(placed(orderId, "carol"));
        kafka.sendRaw(Topics.ORDER_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of("eventType", "OrderPlaced"));
        EventEnvelope<SagaEvent> second = kafka.send(placed(orderId, "dave"));
        kafka.sendRaw(Topics.ORDER_EVENTS, key, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("eventType", "io.evil.Gadget"));
        EventEnvelope<SagaEvent> third = kafka.send(placed(orderId, "erin"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(third.eventId()) == 1);
        assertThat(handledCount(first.eventId())).isEqualTo(1);
        assertThat(handledCount(second.eventId())).isEqualTo(1);
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(DLT, orderId), list -> list.size() >= 2);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        assertThat(EventHeaders.text(dead.get(1).headers(), EventHeaders.DLT_CAUSE)).contains("unknown eventType");
    }

    @Test
    void deadLettersARecordThatKeepsFailingWhileTheRestOfItsBatchCommits() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> before = kafka.send(placed(orderId, "frank"));
        EventEnvelope<SagaEvent> failing = kafka.send(placed(orderId, "always-fails"));
        EventEnvelope<SagaEvent> after = kafka.send(placed(orderId, "grace"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(after.eventId()) == 1);
        assertThat(handledCount(before.eventId())).isEqualTo(1);
        assertThat(handledCount(failing.eventId())).isZero();
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(DLT, orderId), list -> !list.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(EventHeaders.text(dead.get(0).headers(), "kafka_dlt-exception-message")).contains("transient failure");
    }

    @Test
    void retriesATransientFailureAndThenSucceeds() {
        UUID orderId = UUID.randomUUID();
        EventEnvelope<SagaEvent> placed = kafka.send(placed(orderId, "fails-twice"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount(placed.eventId()) == 1);
        assertThat(recordsFor(DLT, orderId)).isEmpty();
    }

    private int handledCount(UUID eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM handled_batch WHERE event_id = ?", Integer.class, eventId);
    }

    private int handledRows(UUID orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM handled_batch WHERE order_id = ?", Integer.class, orderId);
    }

    private static List<ConsumerRecord<String, String>> recordsFor(String topic, UUID orderId) {
        return kafka.records(topic, orderId);
    }

    private static OrderPlaced placed(UUID orderId, String customerId) {
        return new OrderPlaced(orderId, customerId, List.of(new OrderLine("BOOK-EDA", 1)),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }
}
