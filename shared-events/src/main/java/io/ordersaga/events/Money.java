package io.ordersaga.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** Money on the wire is a decimal with two places in one currency. */
public final class Money {

    public static final String DEFAULT_CURRENCY = "EUR";

    private Money() {
    }

    /** Scales an amount to two places; rejects negative or missing amounts. */
    public static BigDecimal amount(BigDecimal value, String field) {
        Objects.requireNonNull(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
