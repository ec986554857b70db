package io.ordersaga.order.domain;

/** Where an order is in its saga. COMPLETED and CANCELLED are terminal. */
public enum OrderStatus {
    PENDING,
    INVENTORY_RESERVED,
    PAID,
    COMPLETED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
