package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.order.application.OrderService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** inventory.events: a reservation moves the order on, a failed one cancels it; InventoryReleased is not ours. */
@Component
class InventoryEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final OrderService orders;

    InventoryEventsListener(Inbox inbox, OrderService orders) {
        this.inbox = inbox;
        this.orders = orders;
        this.handlers = EventHandlers.on(InventoryReserved.class, orders::onInventoryReserved)
                .and(InventoryReservationFailed.class, orders::onInventoryReservationFailed);
    }

    @KafkaListener(topics = Topics.INVENTORY_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
