package io.ordersaga.order.view;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.OrderCompleted;
import io.ordersaga.events.SagaEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** OrderCompleted events of fresh orders, as order-service publishes them, for the read models' tests. */
final class Completions {

    private Completions() {
    }

    static EventEnvelope<SagaEvent> completed(Instant at, String amount) {
        UUID orderId = UUID.randomUUID();
        EventType type = EventType.of(OrderCompleted.class);
        return new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(), at, "order-service",
                new OrderCompleted(orderId, "views-it", new BigDecimal(amount), "EUR"),
                new EventMetadata(orderId.toString(), orderId.toString()));
    }

    /** The same, as polled from {@code topic}'s partition at {@code offset}. */
    static ConsumerRecord<String, EventEnvelope<SagaEvent>> polled(String topic, int partition, long offset,
                                                                 Instant at, String amount) {
        EventEnvelope<SagaEvent> envelope = completed(at, amount);
        return new ConsumerRecord<>(topic, partition, offset, envelope.data().orderId().toString(), envelope);
    }
}
