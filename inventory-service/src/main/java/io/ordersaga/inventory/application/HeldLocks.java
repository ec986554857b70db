package io.ordersaga.inventory.application;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The order and product locks the current transaction already holds. PostgreSQL keeps a transaction's locks until it
 * ends, so asking for one again changes nothing but costs a round trip; a batch that took all its locks up front
 * (see {@link ReservationService#lockForBatch}) skips them for each of its records. Forgotten when the transaction
 * ends, with its locks.
 */
final class HeldLocks {

    private final Set<String> orders = new HashSet<>();
    private final Set<String> products = new HashSet<>();

    private HeldLocks() {
    }

    /** The current transaction's locks (empty outside a transaction, and then forgotten at once). */
    static HeldLocks current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HeldLocks();
        }
        HeldLocks held = (HeldLocks) TransactionSynchronizationManager.getResource(HeldLocks.class);
        if (held == null) {
            HeldLocks fresh = new HeldLocks();
            TransactionSynchronizationManager.bindResource(HeldLocks.class, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HeldLocks.class);
                }
            });
            held = fresh;
        }
        return held;
    }

    boolean holdsOrder(String orderId) {
        return orders.contains(orderId);
    }

    void heldOrders(Collection<String> orderIds) {
        orders.addAll(orderIds);
    }

    boolean holdsProducts(Collection<String> skus) {
        return products.containsAll(skus);
    }

    void heldProducts(Collection<String> skus) {
        products.addAll(skus);
    }
}
