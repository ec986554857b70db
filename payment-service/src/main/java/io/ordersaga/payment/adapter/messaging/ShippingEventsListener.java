package io.ordersaga.payment.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.payment.application.PaymentService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** shipping.events: ShipmentFailed means "refund the order". */
@Component
class ShippingEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final PaymentService payments;

    ShippingEventsListener(Inbox inbox, PaymentService payments) {
        this.inbox = inbox;
        this.payments = payments;
        this.handlers = EventHandlers.on(ShipmentFailed.class, payments::onShipmentFailed);
    }

    @KafkaListener(topics = Topics.SHIPPING_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
