package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** shipping.events: ShipmentScheduled ships the reserved stock, ShipmentFailed releases it. */
@Component
class ShippingEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final ReservationService reservations;

    ShippingEventsListener(Inbox inbox, ReservationService reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
        this.handlers = EventHandlers.on(ShipmentScheduled.class, reservations::ship)
                .and(ShipmentFailed.class, reservations::release)
                .beforeBatch(reservations::lockForBatch);
    }

    @KafkaListener(topics = Topics.SHIPPING_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
