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
    void placedIsTheEnvelopeTimestampAndTheEndIsWhenTheTapReceivedIt() {
        long received = WallClock.epochMicros(Instant.parse("2026-01-31T10:30:00.019600Z"));
        events.accept("OrderPlaced", key(), envelope("OrderPlaced", "2026-01-31T10:30:00.000100Z", ""), 0, 1);
        // published inside the handler at .012600, received by the tap 7 ms later, after the relay and the broker
        events.accept("OrderCompleted", key(), envelope("OrderCompleted", "2026-01-31T10:30:00.012600Z", ""), 0,
                received);

        OrderEvents.SagaTimes times = events.order(orderId).orElseThrow();
        assertThat(times.status()).isEqualTo("COMPLETED");
        assertThat(times.endedMicros()).isEqualTo(received);
        assertThat(times.endedMicros() - times.placedMicros()).isEqualTo(19_500);
        assertThat(times.placedMicros()).isEqualTo(WallClock.epochMicros(Instant.parse("2026-01-31T10:30:00.000100Z")));
        assertThat(events.endedCount()).isEqualTo(1);
    }

    @Test
    void anOrderCompletedIsTakenFromItsKeyWithoutReadingItsBody() {
        events.accept("OrderCompleted", key(), "not parsed".getBytes(StandardCharsets.UTF_8), 0, 5);

        assertThat(events.order(orderId).orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(events.order(orderId).orElseThrow().endedMicros()).isEqualTo(5);
    }

    @Test
    void aCancellationKeepsItsReasonAndTheFirstEndCounts() {
        String reason = ",\"reason\":\"OUT_OF_STOCK\"";
        events.accept("OrderCancelled", key(), envelope("OrderCancelled", "2026-01-31T10:30:01Z", reason), 0, 100);
        events.accept("OrderCancelled", key(), envelope("OrderCancelled", "2026-01-31T10:30:09Z", reason), 0, 900);

        OrderEvents.SagaTimes times = events.order(orderId).orElseThrow();
        assertThat(times.status()).isEqualTo("CANCELLED");
        assertThat(times.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(times.endedMicros()).isEqualTo(100);
        assertThat(events.endedCount()).isEqualTo(1);
    }

    @Test
    void otherEventsAndUnreadableValuesAreIgnored() {
        events.accept("OrderPlaced", key(), "not json".getBytes(StandardCharsets.UTF_8), 0, 1);
        events.accept("InventoryReserved", key(), envelope("InventoryReserved", "2026-01-31T10:30:00Z", ""), 0, 1);
        events.accept("OrderCompleted", key(), null, 0, 1);
        events.accept("OrderCompleted", "not-a-uuid", envelope("OrderCompleted", "2026-01-31T10:30:00Z", ""), 0, 1);

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
            hopping.accept(type, key(), envelope(type, "2026-01-31T" + published[i], ""), second + 3 + 10L * i, 1);
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
        events.accept("InventoryReserved", key(), envelope("InventoryReserved", "2026-01-31T10:30:00Z", ""), 1, 1);
        events.accept("OrderPlaced", key(), envelope("OrderPlaced", "2026-01-31T10:30:00Z", ""), 1, 1);

        assertThat(events.order(orderId).orElseThrow().hops()).isEmpty();
    }

    private String key() {
        return orderId.toString();
    }

    private byte[] envelope(String type, String timestamp, String moreData) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + type + "\",\"eventVersion\":1,"
                + "\"timestamp\":\"" + timestamp + "\",\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId
                + "\",\"customerId\":\"alice\"" + moreData + "},\"metadata\":{\"correlationId\":\"c\",\"causationId\":\"d\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
