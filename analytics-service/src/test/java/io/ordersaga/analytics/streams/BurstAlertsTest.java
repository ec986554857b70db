package io.ordersaga.analytics.streams;

import static io.ordersaga.analytics.SagaEvents.placed;
import static io.ordersaga.analytics.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.analytics.domain.BurstAlert;
import io.ordersaga.messaging.kafka.EventHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lesson's {@code GROUP BY CustomerId, TumblingWindow(minute, 5) HAVING COUNT(*) > 10}, in event time with a
 * one-minute grace period.
 */
class BurstAlertsTest {

    private static final Instant WINDOW_END = T0.plus(Duration.ofMinutes(5));

    private final TopologyFixture topology = new TopologyFixture();

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void tenOrdersInAWindowRaiseNoAlert() {
        place("alice", 10, T0.plusSeconds(30));

        assertThat(topology.customerBursts().isEmpty()).isTrue();
        assertThat(topology.<Long>windows(AnalyticsTopics.CUSTOMER_BURST_WINDOWS, "alice"))
                .containsExactly(KeyValue.pair(T0, 10L));
    }

    @Test
    void theEleventhOrderInAWindowRaisesAnAlertAsJsonWithoutSagaHeaders() {
        place("alice", 11, T0.plusSeconds(30));

        TestRecord<String, String> alert = topology.customerBursts().readRecord();

        assertThat(alert.key()).isEqualTo("alice");
        assertThat(alert.value()).isEqualTo("{\"customerId\":\"alice\",\"windowStart\":\"2026-01-31T10:00:00Z\","
                + "\"windowEnd\":\"2026-01-31T10:05:00Z\",\"orders\":11,\"threshold\":10}");
        assertThat(alert.headers().lastHeader(EventHeaders.EVENT_TYPE)).isNull();
        assertThat(topology.customerBursts().isEmpty()).isTrue();
    }

    @Test
    void everyFurtherOrderInTheWindowUpdatesTheAlertSoTheLastOneCarriesTheWindowsCount() {
        place("alice", 13, T0.plusSeconds(30));

        assertThat(alerts()).extracting(BurstAlert::orders).containsExactly(11L, 12L, 13L);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void ordersSpreadOverTwoTumblingWindowsRaiseNoAlert() {
        place("alice", 6, WINDOW_END.minusSeconds(10));
        place("alice", 6, WINDOW_END);

        assertThat(topology.customerBursts().isEmpty()).isTrue();
        assertThat(topology.<Long>windows(AnalyticsTopics.CUSTOMER_BURST_WINDOWS, "alice"))
                .containsExactly(KeyValue.pair(T0, 6L), KeyValue.pair(WINDOW_END, 6L));
    }

    @Test
    void customersAreCountedApart() {
        place("alice", 6, T0.plusSeconds(10));
        place("bob", 6, T0.plusSeconds(10));

        assertThat(topology.customerBursts().isEmpty()).isTrue();
    }

    @Test
    void aLateOrderWithinTheGracePeriodCompletesTheBurst() {
        place("alice", 10, T0.plusSeconds(60));
        place("bob", 1, WINDOW_END.plusSeconds(30)); // stream time 10:05:30; the window closes at 10:06

        place("alice", 1, T0.plusSeconds(240));

        assertThat(alerts()).containsExactly(new BurstAlert("alice", T0, WINDOW_END, 11, 10));
    }

    @Test
    void anOrderLaterThanTheGracePeriodIsDroppedAndRaisesNothing() {
        place("alice", 10, T0.plusSeconds(60));
        place("bob", 1, WINDOW_END.plusSeconds(61)); // stream time 10:06:01; the window closed at 10:06

        place("alice", 1, T0.plusSeconds(240));

        assertThat(topology.customerBursts().isEmpty()).isTrue();
        assertThat(topology.<Long>windows(AnalyticsTopics.CUSTOMER_BURST_WINDOWS, "alice"))
                .containsExactly(KeyValue.pair(T0, 10L));
    }

    private void place(String customerId, int orders, Instant at) {
        for (int i = 0; i < orders; i++) {
            topology.send(placed(UUID.randomUUID(), customerId), at);
        }
    }

    private List<BurstAlert> alerts() {
        return topology.customerBursts().readValuesToList().stream()
                .map(json -> AnalyticsSerdes.JSON.readValue(json, BurstAlert.class)).toList();
    }
}
