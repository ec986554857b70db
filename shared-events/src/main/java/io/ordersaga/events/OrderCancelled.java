package io.ordersaga.events;

import java.util.Objects;
import java.util.UUID;

/**
 * An order ended CANCELLED.
 *
 * <p>Emitted by order-service when a step fails, the customer cancels, or the saga deadline passes. Consumed by
 * inventory-service, payment-service and shipping-service, which each undo whatever they did for the order, if
 * anything (release, refund, cancel the shipment). Handling it twice changes nothing.
 */
public record OrderCancelled(UUID orderId, String customerId, CancellationReason reason) implements SagaEvent {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
    }
}
