package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** order.events: OrderPlaced reserves, OrderCancelled releases; OrderCompleted is not inventory's business. */
@Component
class OrderEventsListener {

    private final Inbox inbox;
    private final ReservationService reservations;

    OrderEventsListener(Inbox inbox, ReservationService reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof OrderPlaced placed) {
                reservations.reserve(placed);
            } else if (event instanceof OrderCancelled cancelled) {
                reservations.release(cancelled);
            }
        });
    }
}
