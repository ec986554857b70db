package io.ordersaga.payment.application;

import java.util.UUID;

/** Serialises, until the current transaction ends, everything this service does for one order. */
public interface OrderLock {

    void lock(UUID orderId);
}
