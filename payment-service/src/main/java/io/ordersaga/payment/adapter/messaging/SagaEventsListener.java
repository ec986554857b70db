package io.ordersaga.payment.adapter.messaging;

import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.inbox.InboxListener;
import io.ordersaga.payment.application.PaymentService;
import org.springframework.stereotype.Component;

/**
 * What payment does with the saga's events: InventoryReserved means "charge the order"; OrderCancelled means "refund
 * it, and never charge it from now on"; ShipmentFailed means "refund it". Other events are not payment's business.
 */
@Component
class SagaEventsListener extends InboxListener {

    SagaEventsListener(Inbox inbox, PaymentService payments, MessagingProperties messaging) {
        super(inbox, messaging, EventHandlers.on(InventoryReserved.class, payments::onInventoryReserved)
                .and(OrderCancelled.class, payments::onOrderCancelled)
                .and(ShipmentFailed.class, payments::onShipmentFailed));
    }
}
