package io.ordersaga.order.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/** The implementation of {@link OrderLocks} that Spring Data adds to {@link OrderRepository}. */
class OrderLocksImpl implements OrderLocks {

    private final EntityManager entityManager;

    OrderLocksImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * {@code find} with a lock mode, not a query: a query always goes to the database, while {@code find} answers
     * from the persistence context when the order is there and already locked this way.
     */
    @Override
    public Optional<Order> findForUpdate(UUID orderId) {
        return Optional.ofNullable(entityManager.find(Order.class, orderId, LockModeType.PESSIMISTIC_WRITE));
    }
}
