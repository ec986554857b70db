package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.order.application.OrderService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** inventory.events: a reservation moves the order on, a failed one cancels it; InventoryReleased is not ours. */
@Component
class InventoryEventsListener {

    private final Inbox inbox;
    private final OrderService orders;

    InventoryEventsListener(Inbox inbox, OrderService orders) {
        this.inbox = inbox;
        this.orders = orders;
    }

    @KafkaListener(topics = Topics.INVENTORY_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof InventoryReserved reserved) {
                orders.onInventoryReserved(reserved);
            } else if (event instanceof InventoryReservationFailed failed) {
                orders.onInventoryReservationFailed(failed);
            }
        });
    }
}
