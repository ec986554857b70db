package io.ordersaga.shipping.domain;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ShippingOrderRepository extends JpaRepository<ShippingOrder, UUID> {

    /**
     * The order's join row, created if needed and locked until the current transaction ends. Every handler that
     * records a fact or creates a shipment starts here, which is what makes the join race-free.
     *
     * <p>OrderPlaced and PaymentCompleted of one order arrive on different topics, so two listener threads can
     * handle them at the same moment. Without the lock each could read the row before the other committed: neither
     * would see both facts, so the order would never ship, and one whole-row update could even erase the other's
     * fact. With it:
     * <ul>
     *   <li>{@code INSERT … ON CONFLICT DO NOTHING} never fails on a concurrent first insert: PostgreSQL makes the
     *       second inserter wait until the first commits (its fact with it) and then does nothing;</li>
     *   <li>{@code SELECT … FOR UPDATE} then queues the writers on the row once it exists (say OrderCancelled racing
     *       PaymentCompleted); in READ COMMITTED a waiter re-reads the row after the holder commits, so it sees the
     *       holder's fact.</li>
     * </ul>
     * So the handlers of one order run one after the other, and exactly one of them — whichever comes last — sees
     * both facts and creates the shipment. {@code shipment.order_id UNIQUE} is the backstop.
     */
    default ShippingOrder lockOrCreate(UUID orderId) {
        insertIfAbsent(orderId);
        return findForUpdate(orderId).orElseThrow();
    }

    @Modifying
    @Query(value = "INSERT INTO shipping_order (order_id) VALUES (:orderId) ON CONFLICT (order_id) DO NOTHING",
            nativeQuery = true)
    void insertIfAbsent(@Param("orderId") UUID orderId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from ShippingOrder o where o.orderId = :orderId")
    Optional<ShippingOrder> findForUpdate(@Param("orderId") UUID orderId);
}
