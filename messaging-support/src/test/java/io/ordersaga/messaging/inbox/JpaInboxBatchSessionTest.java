package io.ordersaga.messaging.inbox;

import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FlushModeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The batch session works on the EntityManager of the current JPA transaction, and leaves alone a transaction that
 * is not a JPA one, even where an EntityManagerFactory exists (a JDBC transaction manager beside a JPA provider).
 */
class JpaInboxBatchSessionTest {

    private final EntityManagerFactory factory = mock(EntityManagerFactory.class);
    private final EntityManager entityManager = mock(EntityManager.class);

    @BeforeEach
    void aTransactionIsActive() {
        TransactionSynchronizationManager.initSynchronization();
    }

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.hasResource(factory)) {
            TransactionSynchronizationManager.unbindResource(factory);
        }
        TransactionSynchronizationManager.clearSynchronization();
    }

    @Test
    void inAJpaTransactionEachRecordIsFlushedAndCleared() {
        TransactionSynchronizationManager.bindResource(factory, new EntityManagerHolder(entityManager));

        session(JpaInboxBatchSession.Mode.PER_RECORD).afterRecord();

        InOrder order = inOrder(entityManager);
        order.verify(entityManager).flush();
        order.verify(entityManager).clear();
    }

    @Test
    void perBatchTheContextFlushesOnlyAtCommit() {
        TransactionSynchronizationManager.bindResource(factory, new EntityManagerHolder(entityManager));
        JpaInboxBatchSession session = session(JpaInboxBatchSession.Mode.PER_BATCH);

        session.beforeBatch();
        session.afterRecord();

        verify(entityManager).setFlushMode(FlushModeType.COMMIT);
        verify(entityManager, org.mockito.Mockito.never()).flush();
    }

    @Test
    void aTransactionThatIsNotAJpaOneOpensNoEntityManagerAndFlushesNothing() {
        JpaInboxBatchSession session = session(JpaInboxBatchSession.Mode.PER_RECORD);

        session.beforeBatch();
        session.afterRecord();

        verifyNoInteractions(factory);
    }

    private JpaInboxBatchSession session(JpaInboxBatchSession.Mode mode) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("entityManagerFactory", factory);
        return new JpaInboxBatchSession(beans.getBeanProvider(EntityManagerFactory.class), mode);
    }
}
