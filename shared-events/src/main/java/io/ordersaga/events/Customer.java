package io.ordersaga.events;

import java.util.Objects;

/**
 * Who placed an order (OrderPlaced v2). {@code name} is the name the customer gave with the order, when known.
 */
public record Customer(String customerId, @OptionalField String name) {

    public Customer {
        Objects.requireNonNull(customerId, "customerId");
    }
}
