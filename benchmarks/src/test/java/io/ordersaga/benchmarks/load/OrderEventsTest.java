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

    private byte[] envelope(String type, String timestamp, String moreData) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + type + "\",\"eventVersion\":1,"
                + "\"timestamp\":\"" + timestamp + "\",\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId
                + "\",\"customerId\":\"alice\"" + moreData + "},\"metadata\":{\"correlationId\":\"c\",\"causationId\":\"d\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
