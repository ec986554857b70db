package io.ordersaga.analytics.live;

import io.ordersaga.analytics.query.RevenueQuery;
import io.ordersaga.analytics.query.RevenueWindow;
import io.ordersaga.analytics.query.SagaStats;
import io.ordersaga.analytics.query.SagaStatsQuery;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the dashboard shows: the counters (sent every second) and, on page load, the feed as well. */
@Component
public class DashboardView {

    /** The revenue chart shows this many hours of windows. */
    static final Duration REVENUE_SPAN = Duration.ofHours(12);

    private final SagaStatsQuery saga;
    private final RevenueQuery revenue;
    private final LiveFeed feed;

    public DashboardView(SagaStatsQuery saga, RevenueQuery revenue, LiveFeed feed) {
        this.saga = saga;
        this.revenue = revenue;
        this.feed = feed;
    }

    public record Stats(SagaStats saga, List<RevenueWindow> revenue) {
    }

    public record Snapshot(Stats stats, LiveFeed.Snapshot feed) {
    }

    public Stats stats() {
        return new Stats(saga.stats(), revenue.last(REVENUE_SPAN));
    }

    public Snapshot snapshot() {
        return new Snapshot(stats(), feed.snapshot());
    }
}
