package io.ordersaga.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The append-only ledger of every account. */
public interface AccountEventStore {

    /** The account's events, oldest first; empty when there is no such account. */
    List<AccountEvent> load(String accountId);

    /** The account now: its latest snapshot plus the events after it, or a full replay without one. */
    Optional<Account> account(String accountId);

    /**
     * The account as it was at {@code instant}: every event of its ledger up to the first that happened later.
     * Empty when the account was opened after {@code instant} or does not exist.
     */
    Optional<Account> accountAsOf(String accountId, Instant instant);

    /** The account right after {@code version} of its ledger (version 0: before it was opened, so empty). */
    Optional<Account> accountAtVersion(String accountId, int version);

    /** A page of the ledger, oldest first. */
    List<AccountEvent> history(String accountId, int offset, int limit);

    /** How many events the account's ledger holds. */
    int size(String accountId);

    /** Stores a snapshot of the account (in the caller's transaction). */
    void saveSnapshot(AccountSnapshot snapshot);

    /**
     * Appends one event at its version.
     *
     * @throws VersionConflictException when that version of the account exists already
     */
    void append(AccountEvent event);

    /** The account an order was charged to, if it was. */
    Optional<String> accountChargedFor(UUID orderId);

    /** The charges and refunds of an order, oldest first. */
    List<AccountEvent> paymentsOf(UUID orderId);
}
