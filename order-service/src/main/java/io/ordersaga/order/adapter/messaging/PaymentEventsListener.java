package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.order.application.OrderService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** payment.events: a charge marks the order paid, a declined one cancels it; PaymentRefunded is not ours. */
@Component
class PaymentEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final OrderService orders;

    PaymentEventsListener(Inbox inbox, OrderService orders) {
        this.inbox = inbox;
        this.orders = orders;
        this.handlers = EventHandlers.on(PaymentCompleted.class, orders::onPaymentCompleted)
                .and(PaymentFailed.class, orders::onPaymentFailed);
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
