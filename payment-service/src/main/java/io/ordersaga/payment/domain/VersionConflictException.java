package io.ordersaga.payment.domain;

/** Another writer appended to the account's ledger since it was read: reload and decide again. */
public class VersionConflictException extends RuntimeException {

    public VersionConflictException(String accountId, int version) {
        super("Version " + version + " of account " + accountId + " was appended concurrently");
    }
}
