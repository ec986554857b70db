package io.ordersaga.messaging.inbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FlushModeType;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Keeps a batch's persistence context from costing O(n²), in one of two ways
 * ({@code ordersaga.messaging.batch.persistence-context}):
 *
 * <ul>
 *   <li>{@link Mode#PER_RECORD} (the default): flush the context after each record (its changes reach the database,
 *       still uncommitted) and clear it, so the next record starts with an empty context. Safe for any handler.</li>
 *   <li>{@link Mode#PER_BATCH}: keep one context for the whole batch and flush it once, at commit
 *       ({@link FlushModeType#COMMIT}: no flush before each query). Entities a record loaded stay managed for the
 *       records after it, so a batch that locked its rows up front reads them again without a query, and all its
 *       inserts and updates go to the database together (JDBC batches). Only for handlers that read what they wrote
 *       through the same persistence context: a native or JDBC query in a later record would not see the earlier
 *       records' changes before the commit.</li>
 * </ul>
 *
 * It acts only on the EntityManager that a JPA transaction manager bound to the current transaction. A service whose
 * transactions are plain JDBC has none, and this does nothing, even where a JPA provider is on its classpath and an
 * EntityManagerFactory exists (payment-service in system-tests, where the four services share one classpath): asking
 * {@link EntityManagerFactoryUtils#getTransactionalEntityManager} there would open a new EntityManager that no
 * transaction joins, and its flush would fail every batch ("No active transaction").
 */
public final class JpaInboxBatchSession implements InboxBatchSession {

    /** How a batch treats its persistence context. */
    public enum Mode {
        PER_RECORD, PER_BATCH
    }

    /** The factory, looked up once: a bean lookup per record showed in the listeners' profiles. */
    private final SingletonSupplier<Optional<EntityManagerFactory>> factory;
    private final Mode mode;

    public JpaInboxBatchSession(ObjectProvider<EntityManagerFactory> factories) {
        this(factories, Mode.PER_RECORD);
    }

    public JpaInboxBatchSession(ObjectProvider<EntityManagerFactory> factories, Mode mode) {
        this.factory = SingletonSupplier.of(() -> Optional.ofNullable(factories.getIfUnique()));
        this.mode = mode;
    }

    @Override
    public void beforeBatch() {
        EntityManager entityManager = mode == Mode.PER_BATCH ? entityManager() : null;
        if (entityManager != null) {
            entityManager.setFlushMode(FlushModeType.COMMIT);
        }
    }

    @Override
    public void afterRecord() {
        EntityManager entityManager = mode == Mode.PER_RECORD ? entityManager() : null;
        if (entityManager != null) {
            entityManager.flush();
            entityManager.clear();
        }
    }

    /** The EntityManager of the current JPA transaction, or null when the transaction is not a JPA one. */
    private EntityManager entityManager() {
        return factory.obtain()
                .map(emf -> (EntityManagerHolder) TransactionSynchronizationManager.getResource(emf))
                .map(EntityManagerHolder::getEntityManager).orElse(null);
    }
}
