package io.ordersaga.analytics.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** Revenue of completed orders in one window: how many, and how much. */
public record RevenueTotal(long orders, BigDecimal amount) {

    public static final RevenueTotal NONE = new RevenueTotal(0, BigDecimal.ZERO.setScale(2));

    public RevenueTotal {
        Objects.requireNonNull(amount, "amount");
    }

    public RevenueTotal add(BigDecimal orderTotal) {
        return new RevenueTotal(orders + 1, amount.add(orderTotal));
    }

    public RevenueTotal plus(RevenueTotal other) {
        return new RevenueTotal(orders + other.orders, amount.add(other.amount));
    }
}
