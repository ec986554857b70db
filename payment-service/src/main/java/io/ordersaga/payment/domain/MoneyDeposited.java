package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Money was paid into an account. */
public record MoneyDeposited(String accountId, int version, BigDecimal amount, Instant occurredAt)
        implements AccountEvent {

    public MoneyDeposited {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        amount = Amount.of(amount, "amount");
    }
}
