package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The charge {@code paymentId} of an order was paid back in full. */
public record PaymentRefunded(String accountId, int version, UUID orderId, UUID paymentId, BigDecimal amount,
                              Instant occurredAt) implements AccountEvent {

    public PaymentRefunded {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        amount = Amount.of(amount, "amount");
    }
}
