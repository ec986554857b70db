package io.ordersaga.shipping.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.shipping.application.ShippingService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** PaymentCompleted ("go"); failed payments and refunds never reach shipping's part of the saga. */
@Component
class PaymentEventsListener {

    private final Inbox inbox;
    private final ShippingService shipping;

    PaymentEventsListener(Inbox inbox, ShippingService shipping) {
        this.inbox = inbox;
        this.shipping = shipping;
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof PaymentCompleted paid) {
                shipping.onPaymentCompleted(paid);
            }
        });
    }
}
