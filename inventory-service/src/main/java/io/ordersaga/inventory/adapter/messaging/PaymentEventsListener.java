package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** payment.events: PaymentFailed releases the order's stock; the other payment events are ignored. */
@Component
class PaymentEventsListener {

    private final Inbox inbox;
    private final ReservationService reservations;

    PaymentEventsListener(Inbox inbox, ReservationService reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof PaymentFailed failed) {
                reservations.release(failed);
            }
        });
    }
}
