package io.ordersaga.events;

import java.util.Objects;

/** One line of an order: a product and how many of it. */
public record OrderLine(String sku, int quantity) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}
