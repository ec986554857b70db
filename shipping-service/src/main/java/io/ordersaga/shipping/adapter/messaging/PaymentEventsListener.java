package io.ordersaga.shipping.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.shipping.application.ShippingService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** PaymentCompleted ("go"); failed payments and refunds never reach shipping's part of the saga. */
@Component
class PaymentEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final ShippingService shipping;

    PaymentEventsListener(Inbox inbox, ShippingService shipping) {
        this.inbox = inbox;
        this.shipping = shipping;
        this.handlers = EventHandlers.on(PaymentCompleted.class, shipping::onPaymentCompleted);
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
