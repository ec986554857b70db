package io.ordersaga.shipping.adapter.messaging;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.SagaEvent;
import io.ordersaga.events.Topics;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.shipping.application.ShippingService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** OrderPlaced (what and where) and OrderCancelled; other order events are not shipping's business. */
@Component
class OrderEventsListener {

    private final Inbox inbox;
    private final ShippingService shipping;

    OrderEventsListener(Inbox inbox, ShippingService shipping) {
        this.inbox = inbox;
        this.shipping = shipping;
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void on(EventEnvelope<SagaEvent> envelope) {
        inbox.handle(envelope, event -> {
            if (event instanceof OrderPlaced placed) {
                shipping.onOrderPlaced(placed);
            } else if (event instanceof OrderCancelled cancelled) {
                shipping.onOrderCancelled(cancelled);
            }
        });
    }
}
