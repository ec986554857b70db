package io.ordersaga.analytics.query;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.domain.RevenueTotal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.stereotype.Component;

/** Orders and revenue of one customer, per window, for as long as the windows are kept. */
@Component
public class CustomerQuery {

    private final AnalyticsStores stores;
    private final Clock clock;
    private final AnalyticsProperties.Bursts bursts;
    private final AnalyticsProperties.Revenue revenue;

    public CustomerQuery(AnalyticsStores stores, Clock clock, AnalyticsProperties properties) {
        this.stores = stores;
        this.clock = clock;
        this.bursts = properties.bursts();
        this.revenue = properties.revenue();
    }

    /** Empty when no order of the customer has been seen. */
    public Optional<CustomerStats> customer(String customerId) {
        Long orders = stores.ordersPerCustomer().get(customerId);
        if (orders == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<CustomerStats.OrderWindow> burstWindows = new ArrayList<>();
        try (WindowStoreIterator<Long> windows = stores.customerBurstWindows()
                .fetch(customerId, now.minus(bursts.retention()), now)) {
            windows.forEachRemaining(window -> burstWindows.add(new CustomerStats.OrderWindow(
                    start(window), start(window).plus(bursts.window()), window.value)));
        }
        List<CustomerStats.RevenueWindowTotal> revenueWindows = new ArrayList<>();
        try (WindowStoreIterator<RevenueTotal> windows = stores.customerRevenueWindows()
                .fetch(customerId, now.minus(revenue.retention()), now)) {
            windows.forEachRemaining(window -> revenueWindows.add(new CustomerStats.RevenueWindowTotal(
                    start(window), start(window).plus(revenue.window()), window.value.orders(),
                    window.value.amount())));
        }
        boolean bursting = burstWindows.stream().anyMatch(window -> window.orders() > bursts.threshold());
        return Optional.of(new CustomerStats(customerId, orders, bursting, bursts.threshold(), burstWindows,
                revenueWindows));
    }

    private static Instant start(KeyValue<Long, ?> window) {
        return Instant.ofEpochMilli(window.key);
    }
}
