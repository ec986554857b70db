package io.ordersaga.analytics.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ordersaga.analytics.*}. Window sizes are the lesson's; grace periods say how late (in event time) a record
 * may arrive and still count in its window; retentions say how long windows stay queryable.
 *
 * @param highValueThreshold an OrderCompleted over this total goes to {@code orders.high-value}
 */
@ConfigurationProperties("ordersaga.analytics")
public record AnalyticsProperties(
        @DefaultValue("100.00") BigDecimal highValueThreshold,
        @DefaultValue Bursts bursts,
        @DefaultValue Revenue revenue,
        @DefaultValue Outcomes outcomes,
        @DefaultValue Journeys journeys,
        @DefaultValue Feed feed) {

    public AnalyticsProperties {
        Objects.requireNonNull(highValueThreshold, "highValueThreshold");
    }

    /** The defaults, for tests and tools that build the topology without Spring. */
    public static AnalyticsProperties defaults() {
        return new AnalyticsProperties(new BigDecimal("100.00"), new Bursts(10, Duration.ofMinutes(5),
                Duration.ofMinutes(1), Duration.ofHours(1)), new Revenue(Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofHours(24)), new Outcomes(Duration.ofMinutes(1), Duration.ofHours(24),
                Duration.ofMinutes(15)), new Journeys(Duration.ofMinutes(30)), new Feed(50));
    }

    /**
     * @param threshold a window with more orders than this raises an alert
     * @param retention how long closed windows stay queryable
     */
    public record Bursts(@DefaultValue("10") long threshold, @DefaultValue("5m") Duration window,
                         @DefaultValue("1m") Duration grace, @DefaultValue("1h") Duration retention) {
    }

    public record Revenue(@DefaultValue("1h") Duration window, @DefaultValue("5m") Duration grace,
                          @DefaultValue("24h") Duration retention) {
    }

    /**
     * Per-minute counts of placed, completed and cancelled orders.
     *
     * @param successRateWindow the rolling window of the success rate
     */
    public record Outcomes(@DefaultValue("1m") Duration grace, @DefaultValue("24h") Duration retention,
                           @DefaultValue("15m") Duration successRateWindow) {
    }

    /**
     * @param retention how long (in event time) a finished order's timeline stays after its last event; duplicates
     *                  of its events are recognised for that long
     */
    public record Journeys(@DefaultValue("30m") Duration retention) {
    }

    /** @param backlog how many of the latest records per partition the live feed starts with */
    public record Feed(@DefaultValue("50") int backlog) {
    }
}
