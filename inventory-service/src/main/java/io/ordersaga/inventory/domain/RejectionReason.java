package io.ordersaga.inventory.domain;

/** Why an order could not be reserved. */
public enum RejectionReason {
    /** A line names a SKU the catalogue does not have. */
    UNKNOWN_PRODUCT,
    /** A line asks for more than is available. */
    OUT_OF_STOCK
}
