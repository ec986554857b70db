package io.ordersaga.payment.application;

/** The {@code reason} of a PaymentFailed. */
enum DeclineReason {
    UNKNOWN_ACCOUNT,
    ORDER_CANCELLED,
    UNSUPPORTED_CURRENCY,
    INSUFFICIENT_FUNDS
}
