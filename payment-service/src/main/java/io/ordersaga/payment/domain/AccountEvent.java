package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An internal domain event of one account's ledger, stored in {@code account_event}. These never leave the
 * service; the integration events on {@code payment.events} are a separate, published language.
 *
 * <p>{@code version} numbers an account's events 1, 2, 3, … without gaps; appending a version that is already
 * taken means another writer got there first.
 */
public sealed interface AccountEvent permits AccountOpened, MoneyDeposited, PaymentCharged, PaymentRefunded {

    String accountId();

    int version();

    BigDecimal amount();

    Instant occurredAt();
}
