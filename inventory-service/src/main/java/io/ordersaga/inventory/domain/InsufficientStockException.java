package io.ordersaga.inventory.domain;

/** A product was asked to reserve more than it has available. */
public class InsufficientStockException extends IllegalStateException {

    public InsufficientStockException(String sku, int requested, long available) {
        super("Cannot reserve " + requested + " of " + sku + ": only " + available + " available");
    }
}
