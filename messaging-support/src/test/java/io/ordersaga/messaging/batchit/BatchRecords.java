package io.ordersaga.messaging.batchit;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShippingAddress;
import io.ordersaga.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A poll's records made by hand, for tests that call the inbox's batch methods directly. */
final class BatchRecords {

    private BatchRecords() {
    }

    /** One OrderPlaced record per order, each with a fresh event id, at offsets 0, 1, 2, … */
    static List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> placed(UUID... orderIds) {
        EventType type = EventType.of(OrderPlaced.class);
        List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records = new ArrayList<>();
        for (UUID orderId : orderIds) {
            SagaEvent event = new OrderPlaced(orderId, "alice", List.of(new OrderLine("BOOK-EDA", 1)),
                    new ShippingAddress("Alice", "1 Main St", "Berlin", "10115", "DE"));
            EventEnvelope<SagaEvent> envelope = new EventEnvelope<>(UUID.randomUUID(), type.id(), type.version(),
                    Instant.now(), "test", event,
                    new EventMetadata(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
            records.add(new ConsumerRecord<>(Topics.ORDER_EVENTS, 0, records.size(), orderId.toString(), envelope));
        }
        return records;
    }
}
