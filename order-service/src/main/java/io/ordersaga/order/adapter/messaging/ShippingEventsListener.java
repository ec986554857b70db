package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.order.application.OrderService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** shipping.events: a scheduled shipment completes the order, a failed one cancels it. */
@Component
class ShippingEventsListener {

    private final Inbox inbox;
    private final OrderService orders;

    ShippingEventsListener(Inbox inbox, OrderService orders) {
        this.inbox = inbox;
        this.orders = orders;
    }

    @KafkaListener(topics = Topics.SHIPPING_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof ShipmentScheduled scheduled) {
                orders.onShipmentScheduled(scheduled);
            } else if (event instanceof ShipmentFailed failed) {
                orders.onShipmentFailed(failed);
            }
        });
    }
}
