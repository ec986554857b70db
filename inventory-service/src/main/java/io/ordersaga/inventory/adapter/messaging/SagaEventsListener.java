package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.PaymentFailed;
import io.ordersaga.events.ShipmentFailed;
import io.ordersaga.events.ShipmentScheduled;
import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.MessagingProperties;
import io.ordersaga.messaging.inbox.EventHandlers;
import io.ordersaga.messaging.inbox.Inbox;
import io.ordersaga.messaging.inbox.InboxListener;
import org.springframework.stereotype.Component;

/**
 * What inventory does with the saga's events: OrderPlaced reserves the stock; ShipmentScheduled ships it;
 * OrderCancelled, PaymentFailed and ShipmentFailed release it. Other events are not inventory's business.
 */
@Component
class SagaEventsListener extends InboxListener {

    SagaEventsListener(Inbox inbox, ReservationService reservations, MessagingProperties messaging) {
        super(inbox, messaging, EventHandlers.on(OrderPlaced.class, reservations::reserve)
                .and(OrderCancelled.class, reservations::release)
                .and(PaymentFailed.class, reservations::release)
                .and(ShipmentScheduled.class, reservations::ship)
                .and(ShipmentFailed.class, reservations::release)
                .beforeBatch(reservations::lockForBatch));
    }
}
