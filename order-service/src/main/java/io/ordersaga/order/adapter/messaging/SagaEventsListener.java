package io.ordersaga.order.adapter.messaging;

import io.ordersaga.events.InventoryReservationFailed;
import io.ordersaga.events.InventoryReserved;
import io.ordersaga.events.PaymentCompleted;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.inbox.InboxListener;
import io.ordersaga.order.application.OrderService;
import org.springframework.stereotype.Component;

/**
 * What the order does with the other services' events: InventoryReserved and PaymentCompleted move it on,
 * ShipmentScheduled completes it, InventoryReservationFailed, PaymentFailed and ShipmentFailed cancel it.
 * InventoryReleased and PaymentRefunded are not the order's business (the timeline and the views record them).
 */
@Component
class SagaEventsListener extends InboxListener {

    SagaEventsListener(Inbox inbox, OrderService orders, MessagingProperties messaging) {
        super(inbox, messaging, EventHandlers.on(InventoryReserved.class, orders::onInventoryReserved)
                .and(InventoryReservationFailed.class, orders::onInventoryReservationFailed)
                .and(PaymentCompleted.class, orders::onPaymentCompleted)
                .and(PaymentFailed.class, orders::onPaymentFailed)
                .and(ShipmentScheduled.class, orders::onShipmentScheduled)
                .and(ShipmentFailed.class, orders::onShipmentFailed)
                .beforeBatch(orders::lockForBatch));
    }
}
