package io.ordersaga.analytics.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One customer.
 *
 * @param orders         orders placed, all time
 * @param bursting       whether a burst window that is still queryable went over the threshold
 * @param burstWindows   orders placed per burst window (5 minutes), oldest first
 * @param revenueWindows revenue of completed orders per revenue window (1 hour), oldest first
 */
public record CustomerStats(String customerId, long orders, boolean bursting, long burstThreshold,
                            List<OrderWindow> burstWindows, List<RevenueWindowTotal> revenueWindows) {

    public record OrderWindow(Instant start, Instant end, long orders) {
    }

    public record RevenueWindowTotal(Instant start, Instant end, long orders, BigDecimal amount) {
    }
}
