package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An order was charged to an account; {@code paymentId} names the charge. */
public record PaymentCharged(String accountId, int version, UUID orderId, UUID paymentId, BigDecimal amount,
                             Instant occurredAt) implements AccountEvent {

    public PaymentCharged {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        amount = Amount.of(amount, "amount");
    }
}
