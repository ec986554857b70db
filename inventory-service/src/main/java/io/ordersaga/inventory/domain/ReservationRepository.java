package io.ordersaga.inventory.domain;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ReservationRepository extends JpaRepository<Reservation, UUID> {

    /**
     * Serializes, until the transaction ends, every handler that works on one order's reservation. Events of
     * one order on different topics run on different listener threads; without this, two of them could both
     * find no reservation and both insert one (OrderPlaced racing OrderCancelled), or both release it.
     * A transaction takes this lock before any product lock, so lock order stays the same everywhere.
     */
    @Query(value = "SELECT pg_advisory_xact_lock(hashtext('inventory-reservation:' || :orderId)) IS NULL",
            nativeQuery = true)
    boolean lockOrder(@Param("orderId") String orderId);

    /**
     * {@link #lockOrder} for many orders in one statement, in ascending order of their ids (so two transactions that
     * lock overlapping sets queue up instead of deadlocking); returns how many it locked.
     */
    @Query(value = """
            SELECT count(pg_advisory_xact_lock(hashtext('inventory-reservation:' || id)))
            FROM (SELECT id FROM unnest(CAST(:orderIds AS text[])) AS id ORDER BY id COLLATE "C") AS sorted""",
            nativeQuery = true)
    long lockOrders(@Param("orderIds") String[] orderIds);
}
