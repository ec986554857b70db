package io.ordersaga.analytics.query;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.analytics.domain.RevenueTotal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.springframework.stereotype.Component;

/** Revenue per tumbling window, summed over customers. */
@Component
public class RevenueQuery {

    private final AnalyticsStores stores;
    private final Clock clock;
    private final AnalyticsProperties.Revenue revenue;

    public RevenueQuery(AnalyticsStores stores, Clock clock, AnalyticsProperties properties) {
        this.stores = stores;
        this.clock = clock;
        this.revenue = properties.revenue();
    }

    /** The windows of the last {@code span}, oldest first. */
    public List<RevenueWindow> last(Duration span) {
        return windows(null, null, span);
    }

    /**
     * The windows that start between {@code from} and {@code to} (both inclusive), oldest first.
     *
     * @param from    {@code null} for {@code span} before {@code to}
     * @param to      {@code null} for now
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public List<RevenueWindow> windows(Instant from, Instant to, Duration span) {
        Instant last = to != null ? to : clock.instant();
        Instant first = from != null ? from : last.minus(span);
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        Map<Instant, List<RevenueWindow.CustomerRevenue>> byWindow = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, RevenueTotal> all = stores.customerRevenueWindows()
                .fetchAll(first, last)) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, RevenueTotal> entry = all.next();
                byWindow.computeIfAbsent(entry.key.window().startTime(), start -> new ArrayList<>())
                        .add(new RevenueWindow.CustomerRevenue(entry.key.key(), entry.value.orders(),
                                entry.value.amount()));
            }
        }
        List<RevenueWindow> windows = new ArrayList<>();
        byWindow.forEach((start, customers) -> {
            customers.sort(Comparator.comparing(RevenueWindow.CustomerRevenue::amount).reversed()
                    .thenComparing(RevenueWindow.CustomerRevenue::customerId));
            RevenueTotal total = customers.stream()
                    .map(customer -> new RevenueTotal(customer.orders(), customer.amount()))
                    .reduce(RevenueTotal.NONE, RevenueTotal::plus);
            windows.add(new RevenueWindow(start, start.plus(revenue.window()), total.orders(), total.amount(),
                    List.copyOf(customers)));
        });
        return windows;
    }
}
