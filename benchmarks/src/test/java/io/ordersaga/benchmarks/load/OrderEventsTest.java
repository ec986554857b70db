package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderEventsTest {

    private final OrderEvents events = new OrderEvents();
    private final UUID orderId = UUID.randomUUID();

    @Test
    void placedAndCompletedTimesComeFromTheEnvelopeTimestamps() {
        events.accept("OrderPlaced", envelope("OrderPlaced", "2026-01-31T10:30:00.000100Z", ""));
        events.accept("OrderCompleted", envelope("OrderCompleted", "2026-01-31T10:30:00.012600Z", ""));

        OrderEvents.SagaTimes times = events.order(orderId).orElseThrow();
        assertThat(times.status()).isEqualTo("COMPLETED");
        assertThat(times.endedMicros() - times.placedMicros()).isEqualTo(12_500);
        assertThat(times.placedMicros()).isEqualTo(WallClock.epochMicros(Instant.parse("2026-01-31T10:30:00.000100Z")));
        assertThat(events.endedCount()).isEqualTo(1);
    }

    @Test
    void aCancellationKeepsItsReasonAndTheFirstEndCounts() {
        events.accept("OrderCancelled", envelope("OrderCancelled", "2026-01-31T10:30:01Z", ",\"reason\":\"OUT_OF_STOCK\""));
        events.accept("OrderCancelled", envelope("OrderCancelled", "2026-01-31T10:30:09Z", ",\"reason\":\"OUT_OF_STOCK\""));

        OrderEvents.SagaTimes times = events.order(orderId).orElseThrow();
        assertThat(times.status()).isEqualTo("CANCELLED");
        assertThat(times.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(times.endedMicros()).isEqualTo(WallClock.epochMicros(Instant.parse("2026-01-31T10:30:01Z")));
        assertThat(events.endedCount()).isEqualTo(1);
    }

    @Test
    void otherEventsAndUnreadableValuesAreIgnored() {
        events.accept("OrderPlaced", "not json".getBytes(StandardCharsets.UTF_8));
        events.accept("InventoryReserved", envelope("InventoryReserved", "2026-01-31T10:30:00Z", ""));
        events.accept("OrderCompleted", null);

        assertThat(events.order(orderId)).isEmpty();
        assertThat(events.endedCount()).isZero();
    }

    @Test
    void followingHopsKeepsEachChainEventsPublishAndSendWithoutEndingTheOrderEarly() {
        OrderEvents hopping = new OrderEvents(true);
        long second = java.time.Instant.parse("2026-01-31T10:30:00Z").toEpochMilli();
        String[] published = {"10:30:00.001Z", "10:30:00.010Z", "10:30:00.020Z", "10:30:00.030Z", "10:30:00.040Z"};
        for (int i = 0; i < OrderEvents.CHAIN.size(); i++) {
            String type = OrderEvents.CHAIN.get(i);
            hopping.accept(type, envelope(type, "2026-01-31T" + published[i], ""), second + 3 + 10L * i);
            if (i < OrderEvents.CHAIN.size() - 1) {
                assertThat(hopping.order(orderId).orElseThrow().hasEnded()).as(type).isFalse();
                assertThat(hopping.order(orderId).orElseThrow().hops()).as(type).isEmpty();
            }
        }

        OrderEvents.SagaTimes times = hopping.order(orderId).orElseThrow();
        assertThat(times.status()).isEqualTo("COMPLETED");
        OrderEvents.Hops hops = times.hops().orElseThrow();
        // sent at :003, :013, :023, :033, :043; published at :001, :010, :020, :030, :040
        assertThat(hops.relay()).containsExactly(2_000, 3_000, 3_000, 3_000, 3_000);
        assertThat(hops.consume()).containsExactly(7_000, 7_000, 7_000, 7_000);
    }

    @Test
    void withoutHopsOnlyTheStartAndTheEndAreKept() {
        events.accept("InventoryReserved", envelope("InventoryReserved", "2026-01-31T10:30:00Z", ""), 1);
        events.accept("OrderPlaced", envelope("OrderPlaced", "2026-01-31T10:30:00Z", ""), 1);

        assertThat(events.order(orderId).orElseThrow().hops()).isEmpty();
    }

    private byte[] envelope(String type, String timestamp, String moreData) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + type + "\",\"eventVersion\":1,"
                + "\"timestamp\":\"" + timestamp + "\",\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId
                + "\",\"customerId\":\"alice\"" + moreData + "},\"metadata\":{\"correlationId\":\"c\",\"causationId\":\"d\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
