package io.ordersaga.analytics.live;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An order read back from {@code orders.high-value}. */
public record HighValueOrder(UUID orderId, String customerId, BigDecimal totalAmount, String currency,
                             Instant completedAt) {
}
