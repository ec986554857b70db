package io.ordersaga.shipping.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.shipping.application.ShippingService;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** OrderPlaced (what and where) and OrderCancelled; other order events are not shipping's business. */
@Component
class OrderEventsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final ShippingService shipping;

    OrderEventsListener(Inbox inbox, ShippingService shipping) {
        this.inbox = inbox;
        this.shipping = shipping;
        this.handlers = EventHandlers.on(OrderPlaced.class, shipping::onOrderPlaced)
                .and(OrderCancelled.class, shipping::onOrderCancelled);
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS, containerFactory = Inbox.BATCH_CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, EventEnvelope<SagaEvent>>> records) {
        inbox.handleBatch(records, handlers);
    }
}
