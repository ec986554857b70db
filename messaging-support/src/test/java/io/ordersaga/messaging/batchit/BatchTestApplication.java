package io.ordersaga.messaging.batchit;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A service whose listener takes a poll's records as one batch ({@link Inbox#handleBatch}): it records each
 * OrderPlaced with the id of the transaction that handled it, and fails for the customers the tests name. Its
 * package is outside {@code io.ordersaga.messaging.it}, whose application would otherwise scan this listener too.
 */
@SpringBootApplication
public class BatchTestApplication {

    static final String LISTENER = "batch-orders";

    @Component
    static class OrderEventsListener {
        private final Inbox inbox;
        private final EventHandlers handlers;

        OrderEventsListener(Inbox inbox, Handler handler) {
            this.inbox = inbox;
            this.handlers = EventHandlers.on(OrderPlaced.class, handler::handle);
        }

        @KafkaListener(id = LISTENER, idIsGroup = false, topics = Topics.ORDER_EVENTS,
                containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
        void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
            inbox.handleBatch(records, handlers);
        }
    }

    @Component
    static class Handler {
        private final JdbcTemplate jdbc;
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        Handler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            jdbc.execute("CREATE TABLE IF NOT EXISTS handled_batch (event_id UUID NOT NULL, order_id UUID NOT NULL,"
                    + " customer_id TEXT NOT NULL, tx BIGINT NOT NULL)");
        }

        void handle(OrderPlaced placed) {
            int attempt = attempts.computeIfAbsent(placed.orderId() + placed.customerId(), k -> new AtomicInteger())
                    .incrementAndGet();
            jdbc.update("INSERT INTO handled_batch (event_id, order_id, customer_id, tx) VALUES (?, ?, ?, txid_current())",
                    UUID.fromString(MessageContext.current().orElseThrow().causationId()), placed.orderId(),
                    placed.customerId());
            if (placed.customerId().equals("always-fails")
                    || (placed.customerId().equals("fails-twice") && attempt <= 2)) {
                throw new IllegalStateException("transient failure, attempt " + attempt);
            }
        }
    }
}
