package io.ordersaga.shipping.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The implementation of {@link ShippingOrderLocks} that Spring Data adds to {@link ShippingOrderRepository}. */
class ShippingOrderLocksImpl implements ShippingOrderLocks {

    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;

    ShippingOrderLocksImpl(EntityManager entityManager, JdbcTemplate jdbc) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    /**
     * {@code find} with a lock mode first: it answers from the persistence context when the row is there and locked
     * already, and otherwise locks an existing row in one query. Only a row that does not exist yet costs the insert
     * and a second look.
     */
    @Override
    public ShippingOrder lockOrCreate(UUID orderId) {
        ShippingOrder order = entityManager.find(ShippingOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order != null) {
            return order;
        }
        jdbc.update("INSERT INTO shipping_order (order_id) VALUES (?) ON CONFLICT (order_id) DO NOTHING", orderId);
        return entityManager.find(ShippingOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public List<ShippingOrder> lockOrCreateAll(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        UUID[] ids = orderIds.stream().sorted().toArray(UUID[]::new);
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("""
                    INSERT INTO shipping_order (order_id) SELECT id FROM unnest(?::uuid[]) AS batch (id) ORDER BY id
                    ON CONFLICT (order_id) DO NOTHING""");
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            return insert;
        });
        return entityManager.createQuery(
                        "select o from ShippingOrder o where o.orderId in :orderIds order by o.orderId",
                        ShippingOrder.class)
                .setParameter("orderIds", orderIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }
}
