package io.ordersaga.shipping.adapter.messaging;

import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.inbox.InboxListener;
import io.ordersaga.shipping.application.ShippingService;
import org.springframework.stereotype.Component;

/**
 * What shipping does with the saga's events: OrderPlaced says what goes where, PaymentCompleted says "go",
 * OrderCancelled stops or cancels the shipment. Failed payments and refunds never reach shipping's part of the saga.
 */
@Component
class SagaEventsListener extends InboxListener {

    SagaEventsListener(Inbox inbox, ShippingService shipping, MessagingProperties messaging) {
        super(inbox, messaging, EventHandlers.on(OrderPlaced.class, shipping::onOrderPlaced)
                .and(OrderCancelled.class, shipping::onOrderCancelled)
                .and(PaymentCompleted.class, shipping::onPaymentCompleted)
                .beforeBatch(shipping::lockForBatch));
    }
}
