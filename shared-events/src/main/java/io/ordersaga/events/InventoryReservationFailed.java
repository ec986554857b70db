package io.ordersaga.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Inventory could not reserve an order; nothing was reserved.
 *
 * <p>Emitted by inventory-service in reaction to {@link OrderPlaced}. Consumed by order-service, which cancels
 * the order with reason OUT_OF_STOCK or UNKNOWN_PRODUCT.
 *
 * @param skus the SKUs that caused the failure
 */
public record InventoryReservationFailed(UUID orderId, ReservationFailureReason reason, List<String> skus)
        implements SagaEvent {

    public InventoryReservationFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        skus = List.copyOf(Objects.requireNonNull(skus, "skus"));
    }
}
