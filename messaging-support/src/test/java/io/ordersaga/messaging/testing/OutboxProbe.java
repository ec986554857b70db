package io.ordersaga.messaging.testing;

import static org.awaitility.Awaitility.await;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a service wrote to its outbox, seen by its tests. The relay deletes a row once the broker has acknowledged it,
 * so the outbox holds only what is still to send, and what was written is read from the topic once the outbox is
 * drained of the order.
 */
public final class OutboxProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OutboxProbe() {
    }

    /** Waits until the outbox holds no row of these orders: everything written about them is on Kafka. */
    public static void awaitDrained(JdbcTemplate jdbc, UUID... orderIds) {
        String[] keys = Arrays.stream(orderIds).map(UUID::toString).toArray(String[]::new);
        await().atMost(TIMEOUT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM messaging.outbox WHERE message_key = ANY (?)", Integer.class,
                (Object) keys) == 0);
    }

    /**
     * The events the service wrote about the order on {@code topic}, in the order written, each once (a row sent
     * again after a crash is on the topic twice under one event id). Final once the service's handling is done.
     */
    public static List<EventEnvelope<SagaEvent>> written(JdbcTemplate jdbc, KafkaTestClient kafka, String topic,
                                                         UUID orderId) {
        awaitDrained(jdbc, orderId);
        Set<UUID> seen = new HashSet<>();
        List<EventEnvelope<SagaEvent>> written = new ArrayList<>();
        for (EventEnvelope<SagaEvent> event : kafka.events(topic, orderId)) {
            if (seen.add(event.eventId())) {
                written.add(event);
            }
        }
        return written;
    }
}
