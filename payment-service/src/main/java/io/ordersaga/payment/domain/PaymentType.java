package io.ordersaga.payment.domain;

/** The two kinds of money movement an order can cause. */
public enum PaymentType {
    CHARGE,
    REFUND
}
