package io.ordersaga.order.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * Row locks on orders ({@code SELECT … FOR UPDATE}), part of {@link OrderRepository}: events of one order arrive on
 * three topics and may be handled concurrently (and a customer's cancel and the saga deadline may come at the same
 * time), so whatever changes an order holds its row until it commits.
 */
public interface OrderLocks {

    /**
     * Locks and loads the order. An order this transaction has locked already (with
     * {@link OrderRepository#lockAll}, say) comes from the persistence context without a query.
     */
    Optional<Order> findForUpdate(UUID orderId);
}
