package io.ordersaga.messaging.it;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.EventPublisher;
import io.ordersaga.messaging.inbox.Inbox;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service on the plumbing: it handles OrderPlaced by recording it and publishing InventoryReserved. */
@SpringBootApplication
public class MessagingTestApplication {

    @Component
    static class OrderEventsListener {
        private final Inbox inbox;
        private final Handler handler;

        OrderEventsListener(Inbox inbox, Handler handler) {
            this.inbox = inbox;
            this.handler = handler;
        }

        @KafkaListener(topics = Topics.ORDER_EVENTS)
        void on(EventEnvelope<SagaEvent> envelope) {
            inbox.handle(envelope, handler::handle);
        }
    }

    @Component
    static class Handler {
        private final JdbcTemplate jdbc;
        private final EventPublisher events;
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        Handler(JdbcTemplate jdbc, EventPublisher events) {
            this.jdbc = jdbc;
            this.events = events;
        }

        void handle(SagaEvent event) {
            if (!(event instanceof OrderPlaced placed)) {
                return;
            }
            int attempt = attempts.computeIfAbsent(placed.orderId() + placed.customerId(), k -> new AtomicInteger()).incrementAndGet();
            jdbc.update("INSERT INTO handled (event_id, order_id, customer_id) VALUES (?, ?, ?)",
                    java.util.UUID.fromString(io.ordersaga.messaging.context.MessageContext.current().orElseThrow().causationId()), placed.orderId(), placed.customerId());
            if (placed.customerId().equals("always-fails") || (placed.customerId().equals("fails-twice") && attempt <= 2)) {
                throw new IllegalStateException("transient failure, attempt " + attempt);
            }
            events.publish(new InventoryReserved(placed.orderId(), placed.customerId(), List.of(), BigDecimal.ONE, "EUR"));
        }
    }
}
