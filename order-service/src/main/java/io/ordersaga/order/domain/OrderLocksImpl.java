package io.ordersaga.order.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
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

    @Override
    public List<Order> lockAll(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return entityManager.createQuery("select o from Order o where o.orderId in :orderIds order by o.orderId",
                        Order.class)
                .setParameter("orderIds", orderIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }
}
