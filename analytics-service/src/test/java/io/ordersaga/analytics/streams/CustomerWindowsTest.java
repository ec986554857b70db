package io.ordersaga.analytics.streams;

import static io.ordersaga.analytics.SagaEvents.completed;
import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.analytics.domain.RevenueTotal;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orders per customer, and revenue per customer in 1-hour tumbling event-time windows with a 5-minute grace. */
class CustomerWindowsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final TopologyFixture topology = new TopologyFixture();

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void ordersArePlacedAndCountedPerCustomer() {
        place("alice", T0);
        place("alice", T0.plus(MINUTE));
        place("bob", T0.plus(MINUTE));

        assertThat(topology.<Long>aggregate(AnalyticsTopics.ORDERS_PER_CUSTOMER, "alice")).isEqualTo(2);
        assertThat(topology.<Long>aggregate(AnalyticsTopics.ORDERS_PER_CUSTOMER, "bob")).isEqualTo(1);
    }

    @Test
    void aRedeliveredOrderPlacedCountsOnce() {
        EventEnvelope<SagaEvent> placed = topology.send(placed(UUID.randomUUID(), "alice"), T0);
        topology.send(placed);

        assertThat(topology.<Long>aggregate(AnalyticsTopics.ORDERS_PER_CUSTOMER, "alice")).isEqualTo(1);
    }

    @Test
    void revenueFallsIntoTheHourWindowOfEachCompletionsEventTime() {
        complete("alice", "60.00", T0.plus(Duration.ofMinutes(10)));
        complete("alice", "40.00", T0.plus(Duration.ofMinutes(59)));
        complete("alice", "25.00", T0.plus(Duration.ofMinutes(60)));
        complete("bob", "10.00", T0.plus(Duration.ofMinutes(30)));

        assertThat(topology.<RevenueTotal>windows(AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS, "alice")).containsExactly(
                KeyValue.pair(T0, new RevenueTotal(2, new BigDecimal("100.00"))),
                KeyValue.pair(T0.plus(Duration.ofHours(1)), new RevenueTotal(1, new BigDecimal("25.00"))));
        assertThat(topology.<RevenueTotal>windows(AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS, "bob")).containsExactly(
                KeyValue.pair(T0, new RevenueTotal(1, new BigDecimal("10.00"))));
    }

    @Test
    void aLateCompletionWithinTheGracePeriodStillCountsInItsWindow() {
        complete("alice", "60.00", T0.plus(Duration.ofMinutes(10)));
        complete("bob", "10.00", T0.plus(Duration.ofMinutes(64)));   // stream time 11:04: 10:00-11:00 still open

        complete("alice", "15.00", T0.plus(Duration.ofMinutes(59))); // late by 5 minutes, within the 5-minute grace

        assertThat(topology.<RevenueTotal>windows(AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS, "alice"))
                .containsExactly(KeyValue.pair(T0, new RevenueTotal(2, new BigDecimal("75.00"))));
    }

    @Test
    void aCompletionLaterThanTheGracePeriodIsDropped() {
        complete("alice", "60.00", T0.plus(Duration.ofMinutes(10)));
        complete("bob", "10.00", T0.plus(Duration.ofMinutes(65).plusSeconds(1))); // stream time past 11:05: closed

        complete("alice", "15.00", T0.plus(Duration.ofMinutes(30)));

        assertThat(topology.<RevenueTotal>windows(AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS, "alice"))
                .containsExactly(KeyValue.pair(T0, new RevenueTotal(1, new BigDecimal("60.00"))));
    }

    @Test
    void windowsFollowTheEnvelopesTimestampNotTheRecordTimestamp() {
        complete("alice", "60.00", T0.plus(Duration.ofMinutes(1)));

        assertThat(topology.<RevenueTotal>windows(AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS, "alice"))
                .extracting(window -> window.key).containsExactly(T0);
    }

    private void place(String customerId, Instant at) {
        topology.send(placed(UUID.randomUUID(), customerId), at);
    }

    private void complete(String customerId, String total, Instant at) {
        topology.send(completed(UUID.randomUUID(), customerId, total), at);
    }
}
