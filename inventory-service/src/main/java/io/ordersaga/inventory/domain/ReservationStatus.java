package io.ordersaga.inventory.domain;

/**
 * RESERVED → RELEASED (a compensation) or → SHIPPED; SHIPPED → RELEASED when the order is cancelled after all (its
 * shipment was scheduled as the order was cancelled, and is cancelled with it). REJECTED records that an order could
 * not be reserved. RELEASED and REJECTED are terminal.
 */
public enum ReservationStatus {
    RESERVED,
    RELEASED,
    SHIPPED,
    REJECTED;

    public boolean isTerminal() {
        return this == RELEASED || this == REJECTED;
    }
}
