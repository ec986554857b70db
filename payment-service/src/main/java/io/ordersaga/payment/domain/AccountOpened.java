package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** An account was opened with an initial balance. Always version 1. */
public record AccountOpened(String accountId, int version, BigDecimal amount, Instant occurredAt)
        implements AccountEvent {

    public AccountOpened {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        amount = Amount.of(amount, "initialBalance");
    }

    public BigDecimal initialBalance() {
        return amount;
    }
}
