package io.ordersaga.messaging.admin.it;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.inbox.Inbox;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A minimal service for the dead-letter admin tests: it consumes shipping.events (which no other test of this module
 * consumes) and records every event it handles. Its handler has a switchable bug: for a "broken" order it throws,
 * so the record is retried and dead-lettered; fixing the bug and replaying the dead letter then works.
 */
@SpringBootApplication
public class AdminTestApplication {

    @Component
    static class ShippingEventsListener {
        private final Inbox inbox;
        private final Handler handler;

        ShippingEventsListener(Inbox inbox, Handler handler) {
            this.inbox = inbox;
            this.handler = handler;
        }

        @KafkaListener(topics = Topics.SHIPPING_EVENTS)
        void on(EventEnvelope<SagaEvent> envelope) {
            inbox.handle(envelope, handler::handle);
        }
    }

    /**
     * A second consumer group whose dead-letter topic nobody declared (it never starts, so it consumes nothing): the
     * admin names its dead-letter topic as a candidate and must not list it, since it does not exist.
     */
    @Component
    static class IdleListener {

        @KafkaListener(topics = Topics.INVENTORY_EVENTS, groupId = IDLE_GROUP, autoStartup = "false")
        void on(EventEnvelope<SagaEvent> ignored) {
            // never called
        }
    }

    static final String IDLE_GROUP = "messaging-admin-it-idle";

    @Component
    public static class Handler {
        private final JdbcTemplate jdbc;
        private final Set<UUID> broken = ConcurrentHashMap.newKeySet();

        Handler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** From now on, events of this order fail (the bug). */
        public void breakFor(UUID orderId) {
            broken.add(orderId);
        }

        /** The fix is deployed. */
        public void fixFor(UUID orderId) {
            broken.remove(orderId);
        }

        void handle(SagaEvent event) {
            if (broken.contains(event.orderId())) {
                throw new IllegalStateException("handler bug for order " + event.orderId());
            }
            jdbc.update("INSERT INTO handled (event_id, order_id, customer_id) VALUES (?, ?, 'admin-it')",
                    UUID.fromString(MessageContext.current().orElseThrow().causationId()), event.orderId());
        }
    }
}
