package io.ordersaga.inventory.domain;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ReservationRepository extends JpaRepository<Reservation, UUID> {

    /** The namespace of {@link #lockOrder}'s advisory locks (taken many at a time with messaging's AdvisoryLocks). */
    String ORDER_LOCK_NAMESPACE = "inventory-reservation:";

    /**
     * Serializes, until the transaction ends, every handler that works on one order's reservation. Events of
     * one order on different topics run on different listener threads; without this, two of them could both
     * find no reservation and both insert one (OrderPlaced racing OrderCancelled), or both release it.
     * A transaction takes this lock before any product lock, so lock order stays the same everywhere.
     */
    @Query(value = "SELECT pg_advisory_xact_lock(hashtext('" + ORDER_LOCK_NAMESPACE + "' || :orderId)) IS NULL",
            nativeQuery = true)
    boolean lockOrder(@Param("orderId") String orderId);
}
