package io.ordersaga.order.domain;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Orders, with their row locks ({@link OrderLocks}). */
public interface OrderRepository extends JpaRepository<Order, UUID>, OrderLocks {

    /**
     * Locks up to {@code limit} orders that are not terminal and were placed before {@code cutoff}, oldest first,
     * skipping rows another transaction holds ({@code FOR UPDATE SKIP LOCKED}). Several instances sweeping at once
     * therefore never take the same order, and an order an event handler is changing right now is left for the next
     * sweep, which sees it as that handler left it.
     */
    @Query(nativeQuery = true, value = """
            SELECT * FROM orders
            WHERE status IN ('PENDING', 'INVENTORY_RESERVED', 'PAID') AND created_at < :cutoff
            ORDER BY created_at, order_id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Order> lockOverdue(@Param("cutoff") Instant cutoff, @Param("limit") int limit);

    /**
     * The orders whose saga is in flight (neither COMPLETED nor CANCELLED), of every instance: an index-only scan of
     * {@code orders_status_created_at}, as many entries as there are such orders.
     */
    @Query(nativeQuery = true, value = """
            SELECT count(*) FROM orders WHERE status IN ('PENDING', 'INVENTORY_RESERVED', 'PAID')""")
    long countInFlight();

    /**
     * Locks and loads every order of {@code orderIds} in one query, in ascending id order (and their lines in one
     * more, as a batch fetch): what a batch of events does before its handlers, which then find each order locked and
     * loaded ({@link #findForUpdate}).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o where o.orderId in :orderIds order by o.orderId")
    List<Order> lockAll(@Param("orderIds") Collection<UUID> orderIds);

    /** Orders of one customer and/or in one status; a {@code null} filter matches every order. */
    @Query("""
            select o from Order o
            where (:customerId is null or o.customerId = :customerId)
              and (:status is null or o.status = :status)""")
    Page<Order> search(@Param("customerId") String customerId, @Param("status") OrderStatus status,
                       Pageable pageable);
}
