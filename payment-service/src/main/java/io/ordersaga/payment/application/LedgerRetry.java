package io.ordersaga.payment.application;

import io.ordersaga.payment.domain.VersionConflictException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Optimistic concurrency for the ledger: read, decide, append last version + 1, and when another writer took that
 * version, decide again on the reloaded ledger.
 *
 * <p>Each attempt runs in a savepoint of the caller's transaction (PostgreSQL aborts a whole transaction on a
 * unique violation unless it rolls back to a savepoint), so the inbox record and the order lock of the caller
 * survive a lost race. Every lost race means another writer's append landed, so {@value #MAX_ATTEMPTS} attempts
 * outlast that many concurrent writers on one account, far more than the listener threads; past that the
 * conflict propagates, the whole handling rolls back and Kafka redelivers it after a back-off.
 */
@Component
class LedgerRetry {

    static final int MAX_ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(LedgerRetry.class);

    private final TransactionTemplate savepoint;

    LedgerRetry(PlatformTransactionManager transactionManager) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    <T> T run(Supplier<T> decision) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("LedgerRetry runs inside the caller's transaction");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return savepoint.execute(status -> decision.get());
            } catch (VersionConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("{}; deciding again (attempt {})", e.getMessage(), attempt + 1);
            }
        }
    }
}
