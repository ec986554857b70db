package io.ordersaga.payment.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.payment.application.PaymentService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** order.events: OrderCancelled means "refund the order, and never charge it from now on". */
@Component
class OrderEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final PaymentService payments;

    OrderEventsListener(Inbox inbox, PaymentService payments) {
        this.inbox = inbox;
        this.payments = payments;
        this.handlers = EventHandlers.on(OrderCancelled.class, payments::onOrderCancelled);
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
