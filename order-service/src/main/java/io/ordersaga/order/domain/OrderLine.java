package io.ordersaga.order.domain;

import io.ordersaga.events.Money;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order. {@code unitPrice} is {@code null} until inventory has priced the line: a client never sets
 * prices.
 */
@Embeddable
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        unitPrice = unitPrice == null ? null : Money.amount(unitPrice, "unitPrice");
    }

    /** A line as the customer asked for it, not priced yet. */
    public static OrderLine of(String sku, int quantity) {
        return new OrderLine(sku, quantity, null);
    }

    public boolean isPriced() {
        return unitPrice != null;
    }

    OrderLine pricedAt(BigDecimal price) {
        return new OrderLine(sku, quantity, price);
    }
}
