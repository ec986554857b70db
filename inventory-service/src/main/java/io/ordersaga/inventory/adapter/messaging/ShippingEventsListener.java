package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** shipping.events: ShipmentScheduled ships the reserved stock, ShipmentFailed releases it. */
@Component
class ShippingEventsListener {

    private final Inbox inbox;
    private final ReservationService reservations;

    ShippingEventsListener(Inbox inbox, ReservationService reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
    }

    @KafkaListener(topics = Topics.SHIPPING_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof ShipmentScheduled scheduled) {
                reservations.ship(scheduled);
            } else if (event instanceof ShipmentFailed failed) {
                reservations.release(failed);
            }
        });
    }
}
