package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** Amounts of money in the ledger: never negative, exactly two decimal places, never rounded silently. */
final class Amount {

    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Amount() {
    }

    static BigDecimal of(BigDecimal value, String field) {
        Objects.requireNonNull(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " must have at most 2 decimal places");
        }
    }
}
