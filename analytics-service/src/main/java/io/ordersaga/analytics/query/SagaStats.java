package io.ordersaga.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The saga right now.
 *
 * @param ordersPerSecond  orders placed per second, averaged over the last 10 full seconds
 * @param inFlight         orders at each step that have not finished yet: PLACED, RESERVED, PAID
 * @param completed        orders that ended COMPLETED, since the beginning of the topics
 * @param cancelled        orders that ended CANCELLED, since the beginning of the topics
 * @param recent           outcomes over the rolling window, minute by minute, oldest first
 */
public record SagaStats(Instant at, double ordersPerSecond, Map<String, Long> inFlight, long completed,
                        long cancelled, Recent recent) {

    /**
     * @param successRate completed / (completed + cancelled) in the window; {@code null} when nothing finished
     */
    public record Recent(Duration window, long placed, long completed, Map<String, Long> cancelledByReason,
                         Double successRate, List<OutcomeMinute> minutes) {
    }

    /** One minute of outcomes; {@code cancelled} by reason. */
    public record OutcomeMinute(Instant start, long placed, long completed, Map<String, Long> cancelled) {
    }
}
