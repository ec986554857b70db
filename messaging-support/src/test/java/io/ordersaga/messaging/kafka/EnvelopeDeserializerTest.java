package io.ordersaga.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.SagaEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class EnvelopeDeserializerTest {

    private static final byte[] NOT_JSON = "{not json".getBytes(StandardCharsets.UTF_8);

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final byte[] cancelled = codec.write(new EventEnvelope<>(UUID.randomUUID(), "OrderCancelled", 1,
            Instant.parse("2026-01-31T10:30:00Z"), "order-service",
            new OrderCancelled(UUID.randomUUID(), "alice", CancellationReason.TIMED_OUT),
            new EventMetadata("corr-1", "cause-1")));

    @Test
    void skipsAKnownTypeItDoesNotHandleWithoutReadingTheBody() {
        EnvelopeDeserializer deserializer = handling("OrderPlaced,PaymentCompleted");

        assertThat(deserializer.deserialize("t", type("OrderCancelled"), NOT_JSON)).isSameAs(EnvelopeDeserializer.SKIPPED);
        assertThat(deserializer.deserialize("t", type("OrderCancelled"), cancelled)).isSameAs(EnvelopeDeserializer.SKIPPED);
    }

    @Test
    void readsAHandledTypeAndStillRefusesItsBadBody() {
        EnvelopeDeserializer deserializer = handling(List.of("OrderCancelled"));

        assertThat(deserializer.deserialize("t", type("OrderCancelled"), cancelled).data()).isInstanceOf(OrderCancelled.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", type("OrderCancelled"), NOT_JSON))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void treatsAMissingOrUnknownTypeAsPoisonAsBefore() {
        EnvelopeDeserializer deserializer = handling("OrderPlaced");

        assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), NOT_JSON))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", type("io.evil.Gadget"), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("unknown eventType");
    }

    @Test
    void readsEveryTypeWhenTheConsumerDoesNotSayWhatItHandles() {
        EnvelopeDeserializer deserializer = new EnvelopeDeserializer(codec);
        deserializer.configure(Map.of(), false);

        assertThat(deserializer.deserialize("t", type("OrderCancelled"), cancelled).data()).isInstanceOf(OrderCancelled.class);
    }

    /** Not a benchmark (nothing asserted on time): what one skipped record costs against one read, printed. */
    @Test
    @EnabledIfSystemProperty(named = "ordersaga.measure", matches = "true") // a figure for the docs, not a check
    void printsTheCostOfReadingAgainstSkipping() {
        EnvelopeDeserializer reading = handling("OrderCancelled");
        EnvelopeDeserializer skipping = handling("OrderPlaced");
        RecordHeaders headers = type("OrderCancelled");
        int n = 50_000;
        for (int round = 0; round < 5; round++) {
            long read = time(reading, headers, n);
            long skip = time(skipping, headers, n);
            System.out.printf("==== EnvelopeDeserializer, %d records: read %.2f µs/record, skip %.3f µs/record%n",
                    n, read / 1000.0 / n, skip / 1000.0 / n);
        }
    }

    private long time(EnvelopeDeserializer deserializer, RecordHeaders headers, int n) {
        long start = System.nanoTime();
        int read = 0;
        for (int i = 0; i < n; i++) {
            EventEnvelope<SagaEvent> envelope = deserializer.deserialize("t", headers, cancelled);
            read += envelope == EnvelopeDeserializer.SKIPPED ? 0 : 1;
        }
        long elapsed = System.nanoTime() - start;
        assertThat(read).isIn(0, n);
        return elapsed;
    }

    private EnvelopeDeserializer handling(Object types) {
        EnvelopeDeserializer deserializer = new EnvelopeDeserializer(codec);
        deserializer.configure(Map.of(EnvelopeDeserializer.HANDLED_TYPES, types), false);
        return deserializer;
    }

    private static RecordHeaders type(String eventType) {
        RecordHeaders headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.EVENT_TYPE, eventType);
        return headers;
    }
}
