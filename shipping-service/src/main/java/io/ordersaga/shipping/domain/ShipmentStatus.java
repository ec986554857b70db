package io.ordersaga.shipping.domain;

/** SCHEDULED → CANCELLED; FAILED and CANCELLED are terminal. */
public enum ShipmentStatus {
    SCHEDULED,
    FAILED,
    CANCELLED
}
