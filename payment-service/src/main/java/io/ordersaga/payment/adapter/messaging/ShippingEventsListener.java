package io.ordersaga.payment.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.payment.application.PaymentService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** shipping.events: ShipmentFailed means "refund the order". */
@Component
class ShippingEventsListener {

    private final Inbox inbox;
    private final PaymentService payments;

    ShippingEventsListener(Inbox inbox, PaymentService payments) {
        this.inbox = inbox;
        this.payments = payments;
    }

    @KafkaListener(topics = Topics.SHIPPING_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof ShipmentFailed failed) {
                payments.onShipmentFailed(failed);
            }
        });
    }
}
