package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.order.application.OrderService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** payment.events: a charge marks the order paid, a declined one cancels it; PaymentRefunded is not ours. */
@Component
class PaymentEventsListener {

    private final Inbox inbox;
    private final OrderService orders;

    PaymentEventsListener(Inbox inbox, OrderService orders) {
        this.inbox = inbox;
        this.orders = orders;
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof PaymentCompleted completed) {
                orders.onPaymentCompleted(completed);
            } else if (event instanceof PaymentFailed failed) {
                orders.onPaymentFailed(failed);
            }
        });
    }
}
