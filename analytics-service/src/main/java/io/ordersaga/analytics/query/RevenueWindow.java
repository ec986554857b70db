package io.ordersaga.analytics.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Revenue of completed orders in one tumbling window, over all customers.
 *
 * @param customers the window's customers, highest revenue first
 */
public record RevenueWindow(Instant start, Instant end, long orders, BigDecimal amount,
                            List<CustomerRevenue> customers) {

    public record CustomerRevenue(String customerId, long orders, BigDecimal amount) {
    }
}
