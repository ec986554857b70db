package io.ordersaga.order.domain;

import io.ordersaga.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an order is still waiting for, so that a saga that hangs, or a compensation that keeps failing, is visible
 * on the order itself.
 *
 * <ul>
 *   <li>A running order waits for the next step: the reservation, the payment, then the shipment.</li>
 *   <li>A CANCELLED order waits for its compensations, judged from the events its timeline holds: a reservation that
 *       was made (InventoryReserved) and not released (InventoryReleased), a charge that was made (PaymentCompleted)
 *       and not refunded (PaymentRefunded). A compensation that failed until it was dead-lettered stays listed here
 *       until a replay makes it happen.</li>
 *   <li>A COMPLETED order waits for nothing.</li>
 * </ul>
 */
public final class OrderProgress {

    static final String INVENTORY = "inventory-service";
    static final String PAYMENT = "payment-service";
    static final String SHIPPING = "shipping-service";

    private OrderProgress() {
    }

    /** @param seenEventTypes the event type ids on the order's timeline */
    public static List<Awaiting> waitingOn(Order order, Set<String> seenEventTypes) {
        List<Awaiting> waiting = new ArrayList<>();
        switch (order.status()) {
            case PENDING -> waiting.add(awaiting(order, INVENTORY, EventType.INVENTORY_RESERVED,
                    "the stock is not reserved yet"));
            case INVENTORY_RESERVED -> waiting.add(awaiting(order, PAYMENT, EventType.PAYMENT_COMPLETED,
                    "the order is not paid yet"));
            case PAID -> waiting.add(awaiting(order, SHIPPING, EventType.SHIPMENT_SCHEDULED,
                    "no shipment is scheduled yet"));
            case CANCELLED -> {
                if (seen(seenEventTypes, EventType.INVENTORY_RESERVED) && !seen(seenEventTypes, EventType.INVENTORY_RELEASED)) {
                    waiting.add(awaiting(order, INVENTORY, EventType.INVENTORY_RELEASED,
                            "the stock reserved for this cancelled order has not been released yet"));
                }
                if (seen(seenEventTypes, EventType.PAYMENT_COMPLETED) && !seen(seenEventTypes, EventType.PAYMENT_REFUNDED)) {
                    waiting.add(awaiting(order, PAYMENT, EventType.PAYMENT_REFUNDED,
                            "the charge of this cancelled order has not been refunded yet"));
                }
            }
            case COMPLETED -> {
                // nothing: the saga ended as it should
            }
        }
        return List.copyOf(waiting);
    }

    private static boolean seen(Set<String> seen, EventType type) {
        return seen.contains(type.id());
    }

    private static Awaiting awaiting(Order order, String service, EventType event, String reason) {
        return new Awaiting(service, event.id(), reason, order.updatedAt());
    }
}
