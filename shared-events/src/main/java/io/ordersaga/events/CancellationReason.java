package io.ordersaga.events;

/** Why an order ended CANCELLED. */
public enum CancellationReason {
    OUT_OF_STOCK,
    UNKNOWN_PRODUCT,
    PAYMENT_DECLINED,
    SHIPPING_FAILED,
    CUSTOMER_REQUESTED,
    TIMED_OUT
}
