package io.ordersaga.payment.domain;

import java.util.UUID;

/**
 * Orders known to be cancelled. A cancellation can overtake the charge it should undo (they travel on different
 * topics), so an InventoryReserved that arrives after its order's OrderCancelled must be refused, not charged.
 */
public interface CancelledOrders {

    boolean contains(UUID orderId);

    /** Remembers the cancellation; remembering it again changes nothing. */
    void add(UUID orderId);
}
