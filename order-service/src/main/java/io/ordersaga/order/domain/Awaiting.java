package io.ordersaga.order.domain;

import java.time.Instant;

/**
 * Something an order is still waiting for: the event {@code service} has yet to publish, why it matters, and since
 * when the order has been waiting (its last change).
 */
public record Awaiting(String service, String event, String reason, Instant since) {
}
