package io.ordersaga.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.OrderCancelled;
import io.ordersaga.events.OrderPlaced;
import io.ordersaga.events.CancellationReason;
import io.ordersaga.events.SagaEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EventEnvelope<SagaEvent> envelope = new EventEnvelope<>(UUID.randomUUID(), "OrderCancelled", 1,
            Instant.parse("2026-01-31T10:30:00Z"), "order-service",
            new OrderCancelled(UUID.randomUUID(), "alice", CancellationReason.TIMED_OUT),
            new EventMetadata("corr-1", "cause-1"));

    @Test
    void readsWhatItWritesTypedByTheHeader() {
        EventEnvelope<SagaEvent> read = codec.read(codec.write(envelope), "OrderCancelled");

        assertThat(read).isEqualTo(envelope);
        assertThat(read.data()).isInstanceOf(OrderCancelled.class);
    }

    @Test
    void writesTheDocumentedWireFormatWithoutClassNames() {
        String json = new String(codec.write(envelope), StandardCharsets.UTF_8);

        assertThat(json).contains("\"eventType\":\"OrderCancelled\"", "\"timestamp\":\"2026-01-31T10:30:00Z\"",
                "\"metadata\":{\"correlationId\":\"corr-1\",\"causationId\":\"cause-1\"}").doesNotContain("io.ordersaga");
    }

    @Test
    void fallsBackToTheBodyTypeWithoutAHeader() {
        assertThat(codec.read(codec.write(envelope), null).data()).isInstanceOf(OrderCancelled.class);
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String json = new String(codec.write(envelope), StandardCharsets.UTF_8)
                .replace("\"reason\":", "\"refundPolicy\":\"FULL\",\"reason\":");

        assertThat(codec.read(json.getBytes(StandardCharsets.UTF_8), "OrderCancelled")).isEqualTo(envelope);
    }

    @Test
    void readsAVersion1OrderPlacedAsTheCurrentVersion() {
        String v1 = """
                {"eventId":"3f0c8a0e-5a52-4d7e-9a43-1b6f0f1f2a11","eventType":"OrderPlaced","eventVersion":1,
                 "timestamp":"2026-01-31T10:30:00Z","source":"order-service",
                 "data":{"orderId":"8c7e2f4a-1d3b-4c5e-9f60-7a8b9c0d1e2f","customerId":"alice",
                         "items":[{"sku":"BOOK-EDA","quantity":2}],
                         "shippingAddress":{"name":"Alice","street":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}},
                 "metadata":{"correlationId":"c","causationId":"k"}}""";

        EventEnvelope<SagaEvent> read = codec.read(v1.getBytes(StandardCharsets.UTF_8), "OrderPlaced");

        assertThat(read.eventVersion()).isEqualTo(1);
        assertThat(read.data()).isInstanceOfSatisfying(OrderPlaced.class, placed -> {
            assertThat(placed.customerId()).isEqualTo("alice");
            assertThat(placed.customer().name()).isEqualTo("Alice");
        });
        assertPoison(v1.replace("\"eventVersion\":1", "\"eventVersion\":9").getBytes(StandardCharsets.UTF_8),
                "OrderPlaced", "newer");
    }

    @Test
    void rejectsPoisonAsPoison() {
        byte[] valid = codec.write(envelope);
        assertPoison("{oops".getBytes(StandardCharsets.UTF_8), "OrderCancelled", "not JSON");
        assertPoison(new byte[0], "OrderCancelled", "empty");
        assertPoison("[1,2]".getBytes(StandardCharsets.UTF_8), "OrderCancelled", "not a JSON object");
        assertPoison(valid, "io.ordersaga.events.OrderCancelled", "does not match");
        assertPoison(new String(valid, StandardCharsets.UTF_8).replace("OrderCancelled", "Gadget")
                .getBytes(StandardCharsets.UTF_8), null, "unknown eventType 'Gadget'");
        assertPoison(new String(valid, StandardCharsets.UTF_8).replace("\"customerId\":\"alice\",", "")
                .getBytes(StandardCharsets.UTF_8), "OrderCancelled", "customerId");
        assertPoison(new String(valid, StandardCharsets.UTF_8).replace("TIMED_OUT", "BORED")
                .getBytes(StandardCharsets.UTF_8), "OrderCancelled", "invalid OrderCancelled");
        assertPoison(new String(valid, StandardCharsets.UTF_8).replaceAll("\"eventId\":\"[^\"]+\"", "\"eventId\":\"x\"")
                .getBytes(StandardCharsets.UTF_8), "OrderCancelled", "envelope");
    }

    private void assertPoison(byte[] bytes, String header, String reason) {
        assertThatThrownBy(() -> codec.read(bytes, header)).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(reason);
    }
}
