package io.ordersaga.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer placed an order.
 *
 * <p>Emitted by order-service when {@code POST /orders} is accepted. Consumed by inventory-service (reserve every
 * line or none) and by shipping-service (remember the address and items).
 */
public record OrderPlaced(UUID orderId, String customerId, List<OrderLine> items, ShippingAddress shippingAddress)
        implements SagaEvent {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
    }
}
