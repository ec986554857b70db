package io.ordersaga.payment.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.payment.application.PaymentService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** order.events: OrderCancelled means "refund the order, and never charge it from now on". */
@Component
class OrderEventsListener {

    private final Inbox inbox;
    private final PaymentService payments;

    OrderEventsListener(Inbox inbox, PaymentService payments) {
        this.inbox = inbox;
        this.payments = payments;
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof OrderCancelled cancelled) {
                payments.onOrderCancelled(cancelled);
            }
        });
    }
}
