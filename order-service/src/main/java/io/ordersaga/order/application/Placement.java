package io.ordersaga.order.application;

import io.ordersaga.order.domain.Order;

/**
 * The answer to placing an order: the order, and whether it had been placed before by an earlier request with the
 * same idempotency key (then nothing new was created).
 */
public record Placement(Order order, boolean replayed) {
}
