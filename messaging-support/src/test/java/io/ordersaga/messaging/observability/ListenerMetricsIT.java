package io.ordersaga.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.it.MessagingTestApplication;
import io.ordersaga.messaging.testing.EmbeddedInfrastructure;
import io.ordersaga.messaging.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Processing time and the error counters of a listener, on the test service of this module (group messaging-it, which
 * handles OrderPlaced from order.events; its handler fails on purpose for some customers). Same context as
 * MessagingPlumbingIT.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class ListenerMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GROUP = "messaging-it";
    private static KafkaTestClient kafka;

    @Autowired MeterRegistry registry;
    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void timesEveryHandledRecordPerListenerAndEventType() {
        long before = timerCount("success");

        EventEnvelope<SagaEvent> placed = kafka.send(placed(UUID.randomUUID(), "grace"));

        awaitHandled(placed);
        await().atMost(WAIT).until(() -> timerCount("success") > before);
        Timer timer = registry.get(ListenerMetrics.PROCESSING)
                .tags("group", GROUP, "topic", Topics.ORDER_EVENTS, "event_type", "OrderPlaced", "outcome", "success")
                .timer();
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(timer.takeSnapshot().histogramCounts()).as("histogram buckets").isNotEmpty();
        for (String counter : new String[] {ListenerMetrics.FAILURES, ListenerMetrics.RETRIES, ListenerMetrics.DEAD_LETTERS}) {
            assertThat(registry.find(counter).tags("group", GROUP, "topic", Topics.ORDER_EVENTS, "event_type", "OrderPlaced")
                    .counter()).as("%s exists from the first record on", counter).isNotNull();
        }
    }

    @Test
    void aPoisonRecordMovesTheDeadLetterAndFailureCountersOnceAndIsNeverRetried() {
        double deadLetters = counter(ListenerMetrics.DEAD_LETTERS, "unknown");
        double failures = counter(ListenerMetrics.FAILURES, "unknown");
        double retries = counter(ListenerMetrics.RETRIES, "unknown");
        UUID orderId = UUID.randomUUID();

        kafka.sendRaw(Topics.ORDER_EVENTS, orderId.toString(), "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("eventType", "io.evil.Gadget"));

        await().atMost(WAIT).until(() -> counter(ListenerMetrics.DEAD_LETTERS, "unknown") == deadLetters + 1);
        assertThat(counter(ListenerMetrics.FAILURES, "unknown")).isEqualTo(failures + 1);
        assertThat(counter(ListenerMetrics.RETRIES, "unknown")).isEqualTo(retries);
        assertThat(deadLetterTopicRecords(orderId)).isEqualTo(1);
    }

    @Test
    void countsEachRetryOfATransientFailureAndNoDeadLetter() {
        double failures = counter(ListenerMetrics.FAILURES, "OrderPlaced");
        double retries = counter(ListenerMetrics.RETRIES, "OrderPlaced");
        double deadLetters = counter(ListenerMetrics.DEAD_LETTERS, "OrderPlaced");

        EventEnvelope<SagaEvent> placed = kafka.send(placed(UUID.randomUUID(), "fails-twice"));

        awaitHandled(placed);
        await().atMost(WAIT).until(() -> counter(ListenerMetrics.RETRIES, "OrderPlaced") == retries + 2);
        assertThat(counter(ListenerMetrics.FAILURES, "OrderPlaced")).isEqualTo(failures + 2);
        assertThat(counter(ListenerMetrics.DEAD_LETTERS, "OrderPlaced")).isEqualTo(deadLetters);
    }

    @Test
    void countsTheRetriesAndTheDeadLetterOfARecordThatKeepsFailing() {
        double failures = counter(ListenerMetrics.FAILURES, "OrderPlaced");
        double retries = counter(ListenerMetrics.RETRIES, "OrderPlaced");
        double deadLetters = counter(ListenerMetrics.DEAD_LETTERS, "OrderPlaced");

        kafka.send(placed(UUID.randomUUID(), "always-fails"));

        // max-retries is 3 in this module's tests: four deliveries fail, three of them are retries, one dead letter.
        await().atMost(WAIT).until(() -> counter(ListenerMetrics.DEAD_LETTERS, "OrderPlaced") == deadLetters + 1);
        assertThat(counter(ListenerMetrics.FAILURES, "OrderPlaced")).isEqualTo(failures + 4);
        assertThat(counter(ListenerMetrics.RETRIES, "OrderPlaced")).isEqualTo(retries + 3);
    }

    private long timerCount(String outcome) {
        Timer timer = registry.find(ListenerMetrics.PROCESSING)
                .tags("group", GROUP, "topic", Topics.ORDER_EVENTS, "event_type", "OrderPlaced", "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    /** 0 for a counter that does not exist yet. */
    private double counter(String name, String eventType) {
        Counter counter = registry.find(name).tags("group", GROUP, "topic", Topics.ORDER_EVENTS, "event_type", eventType)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitHandled(EventEnvelope<SagaEvent> envelope) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM messaging.inbox WHERE consumer = ? AND event_id = ?", Integer.class,
                GROUP, envelope.eventId()) == 1);
    }

    private static long deadLetterTopicRecords(UUID orderId) {
        return kafka.records(Topics.deadLetter(Topics.ORDER_EVENTS, GROUP)).stream()
                .filter(record -> orderId.toString().equals(record.key())).count();
    }

    static OrderPlaced placed(UUID orderId, String customerId) {
        return new OrderPlaced(orderId, customerId, List.of(new OrderLine("BOOK-EDA", 1)),
                new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
    }
}
