package io.ordersaga.analytics.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer placed more orders in one window than the threshold allows: the lesson's
 * {@code GROUP BY CustomerId, TumblingWindow(minute, 5) HAVING COUNT(*) > 10}. Published on
 * {@code alerts.customer-bursts} each time the window's count grows past the threshold, so the last alert of a
 * window carries that window's count.
 *
 * @param windowStart inclusive
 * @param windowEnd   exclusive
 * @param orders      orders the customer placed in the window so far
 * @param threshold   the count the window went over
 */
public record BurstAlert(String customerId, Instant windowStart, Instant windowEnd, long orders, long threshold) {

    public BurstAlert {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }
}
