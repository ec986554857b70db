package io.ordersaga.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer placed an order.
 *
 * <p>Emitted by order-service when {@code POST /orders} is accepted. Consumed by inventory-service (reserve every
 * line or none) and by shipping-service (remember the address and items).
 *
 * <p><b>Version 2</b> replaced v1's flat {@code customerId} with a structured {@link Customer}. Consumers still
 * read v1 records: {@link Upcasters} turns them into v2 before they become this record.
 */
public record OrderPlaced(UUID orderId, Customer customer, List<OrderLine> items, ShippingAddress shippingAddress)
        implements SagaEvent {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
    }

    /** The v1 shape of the arguments: the customer is named as the addressee of the shipment. */
    public OrderPlaced(UUID orderId, String customerId, List<OrderLine> items, ShippingAddress shippingAddress) {
        this(orderId, new Customer(customerId, shippingAddress == null ? null : shippingAddress.name()), items,
                shippingAddress);
    }

    public String customerId() {
        return customer.customerId();
    }
}
