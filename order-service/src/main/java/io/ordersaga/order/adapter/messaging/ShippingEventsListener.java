package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.order.application.OrderService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** shipping.events: a scheduled shipment completes the order, a failed one cancels it. */
@Component
class ShippingEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final OrderService orders;

    ShippingEventsListener(Inbox inbox, OrderService orders) {
        this.inbox = inbox;
        this.orders = orders;
        this.handlers = EventHandlers.on(ShipmentScheduled.class, orders::onShipmentScheduled)
                .and(ShipmentFailed.class, orders::onShipmentFailed);
    }

    @KafkaListener(topics = Topics.SHIPPING_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
