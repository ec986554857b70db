package io.ordersaga.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An account's state as of one version of its ledger, so loading it replays only the later events. Snapshots are
 * a cache: the ledger stays the truth, and {@code Account.replay(snapshot, later)} equals a full replay.
 *
 * @param lastOccurredAt when the event at {@code version} happened (temporal queries pick snapshots by it)
 */
public record AccountSnapshot(String accountId, int version, BigDecimal totalDeposited, BigDecimal totalCharged,
                              BigDecimal totalRefunded, List<ChargeState> charges, Instant lastOccurredAt) {

    public AccountSnapshot {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(lastOccurredAt, "lastOccurredAt");
        charges = List.copyOf(charges);
        if (version < 1) {
            throw new IllegalArgumentException("A snapshot follows at least AccountOpened");
        }
    }

    /** One charge of the account and whether it was refunded. */
    public record ChargeState(UUID orderId, UUID paymentId, BigDecimal amount, boolean refunded) {
    }
}
