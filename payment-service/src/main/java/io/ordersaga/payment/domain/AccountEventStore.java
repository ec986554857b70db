package io.ordersaga.payment.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The append-only ledger of every account. */
public interface AccountEventStore {

    /** The account's events, oldest first; empty when there is no such account. */
    List<AccountEvent> load(String accountId);

    default Optional<Account> account(String accountId) {
        List<AccountEvent> events = load(accountId);
        return events.isEmpty() ? Optional.empty() : Optional.of(Account.replay(events));
    }

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
