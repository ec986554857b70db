package io.ordersaga.messaging.inbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Flushes the transaction's persistence context after each record of a batch (its changes reach the database, still
 * uncommitted) and clears it, so the next record starts with an empty context. A service whose transactions are
 * plain JDBC has no transactional EntityManager, and this does nothing.
 */
public final class JpaInboxBatchSession implements InboxBatchSession {

    private final ObjectProvider<EntityManagerFactory> factories;

    public JpaInboxBatchSession(ObjectProvider<EntityManagerFactory> factories) {
        this.factories = factories;
    }

    @Override
    public void afterRecord() {
        EntityManagerFactory factory = factories.getIfUnique();
        EntityManager entityManager = factory == null ? null
                : EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
        if (entityManager != null) {
            entityManager.flush();
            entityManager.clear();
        }
    }
}
