package io.ordersaga.analytics.adapter.web;

import io.ordersaga.analytics.domain.OrderJourney;
import io.ordersaga.analytics.live.DashboardView;
import io.ordersaga.analytics.query.CustomerQuery;
import io.ordersaga.analytics.query.CustomerStats;
import io.ordersaga.analytics.query.JourneyQuery;
import io.ordersaga.analytics.query.RevenueQuery;
import io.ordersaga.analytics.query.RevenueWindow;
import io.ordersaga.analytics.query.SagaStats;
import io.ordersaga.analytics.query.SagaStatsQuery;
import io.ordersaga.messaging.security.Caller;
import io.ordersaga.messaging.web.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Interactive queries over the Kafka Streams stores. A customer reads their own statistics and their own orders'
 * timelines; what spans customers (saga, revenue, dashboard) is the admin's (AnalyticsAccessRules).
 */
@RestController
@RequestMapping("/api")
class AnalyticsController {

    static final Duration DEFAULT_REVENUE_SPAN = Duration.ofHours(24);

    private final SagaStatsQuery saga;
    private final CustomerQuery customers;
    private final RevenueQuery revenue;
    private final JourneyQuery journeys;
    private final DashboardView dashboard;

    AnalyticsController(SagaStatsQuery saga, CustomerQuery customers, RevenueQuery revenue, JourneyQuery journeys,
                        DashboardView dashboard) {
        this.saga = saga;
        this.customers = customers;
        this.revenue = revenue;
        this.journeys = journeys;
        this.dashboard = dashboard;
    }

    /** Orders per second, in flight by step, totals, and the outcomes of the rolling window. */
    @GetMapping("/saga")
    SagaStats saga() {
        return saga.stats();
    }

    /** Orders placed, per burst window, and revenue per revenue window, of one customer. */
    @GetMapping("/customers/{customerId}")
    CustomerStats customer(@PathVariable String customerId) {
        Caller.requireOwnerOrStaff(customerId, "The statistics of customer '" + customerId + "'");
        return customers.customer(customerId)
                .orElseThrow(() -> new NotFoundException("No order of customer '" + customerId + "' has been seen"));
    }

    /** Revenue per window (all customers) for windows starting in [from, to]; by default the last 24 hours. */
    @GetMapping("/revenue")
    List<RevenueWindow> revenue(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return revenue.windows(from, to, DEFAULT_REVENUE_SPAN);
    }

    /** The order's timeline, from the events this service consumed. */
    @GetMapping("/orders/{orderId}/timeline")
    OrderJourney timeline(@PathVariable UUID orderId) {
        OrderJourney journey = journeys.journey(orderId)
                .orElseThrow(() -> new NotFoundException("No event of order " + orderId + " is known here"));
        Caller.requireOwnerOrStaff(journey.customerId(), "Order " + orderId);
        return journey;
    }

    /** Everything the dashboard shows, for its first paint. */
    @GetMapping("/dashboard")
    DashboardView.Snapshot dashboard() {
        return dashboard.snapshot();
    }
}
