package io.ordersaga.shipping.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The join rows' locks, part of {@link ShippingOrderRepository}. Every handler that records a fact or creates a
 * shipment starts at {@link #lockOrCreate}, which is what makes the join race-free.
 *
 * <p>OrderPlaced and PaymentCompleted of one order arrive on different topics, so two listener threads can handle
 * them at the same moment. Without the lock each could read the row before the other committed: neither would see
 * both facts, so the order would never ship, and one whole-row update could even erase the other's fact. With it:
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
public interface ShippingOrderLocks {

    /**
     * The order's join row, created if needed and locked until the current transaction ends. A row this transaction
     * has locked already (with {@link #lockOrCreateAll}, say) comes from the persistence context without a query.
     */
    ShippingOrder lockOrCreate(UUID orderId);

    /**
     * {@link #lockOrCreate} for every order of a batch at once: one insert of the missing rows, one locking query, in
     * ascending id order.
     */
    List<ShippingOrder> lockOrCreateAll(Collection<UUID> orderIds);
}
