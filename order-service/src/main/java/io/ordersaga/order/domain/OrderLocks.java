package io.ordersaga.order.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Row locks on orders ({@code SELECT … FOR UPDATE}), part of {@link OrderRepository}: events of one order arrive on
 * three topics and may be handled concurrently (and a customer's cancel and the saga deadline may come at the same
 * time), so whatever changes an order holds its row until it commits.
 */
public interface OrderLocks {

    /**
     * Locks and loads the order. An order this transaction has locked already (with {@link #lockAll}, say) comes
     * from the persistence context without a query.
     */
    Optional<Order> findForUpdate(UUID orderId);

    /**
     * Locks and loads every order of {@code orderIds} in one query, in ascending id order, and their lines in one
     * more: what a batch of events does before its handlers, which then find each order locked and loaded.
     */
    List<Order> lockAll(Collection<UUID> orderIds);
}
