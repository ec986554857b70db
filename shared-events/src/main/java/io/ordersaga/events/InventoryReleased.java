package io.ordersaga.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Inventory gave an order's reserved stock back (a compensation).
 *
 * <p>Emitted by inventory-service in reaction to {@link PaymentFailed}, {@link ShipmentFailed} or
 * {@link OrderCancelled}, only when it held a reservation for the order. No saga participant reacts; it
 * closes the order's timeline.
 */
public record InventoryReleased(UUID orderId, List<OrderLine> lines) implements SagaEvent {

    public InventoryReleased {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
