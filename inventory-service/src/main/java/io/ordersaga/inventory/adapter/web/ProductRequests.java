package io.ordersaga.inventory.adapter.web;

/** Limits shared by the product requests. */
final class ProductRequests {

    /** Caps one request's units so stock counters can never overflow, however often it is repeated. */
    static final long MAX_QUANTITY = 1_000_000_000L;

    private ProductRequests() {
    }
}
