package io.ordersaga.inventory.domain;

/**
 * RESERVED → RELEASED (a compensation) or → SHIPPED. REJECTED records that an order could not be reserved.
 * RELEASED, SHIPPED and REJECTED are terminal.
 */
public enum ReservationStatus {
    RESERVED,
    RELEASED,
    SHIPPED,
    REJECTED;

    public boolean isTerminal() {
        return this != RESERVED;
    }
}
