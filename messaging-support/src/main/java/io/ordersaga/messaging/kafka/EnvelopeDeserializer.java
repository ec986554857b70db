package io.ordersaga.messaging.kafka;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.EventMetadata;
import io.ordersaga.events.EventType;
import io.ordersaga.events.SagaEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Record value → envelope, typed by the {@code eventType} header. Wrapped in spring-kafka's
 * {@code ErrorHandlingDeserializer}, so a failure here sends the record to the dead-letter topic instead of
 * stopping the partition.
 *
 * <p>A consumer that handles only some event types says which in its configuration ({@link #HANDLED_TYPES}; an
 * {@link io.ordersaga.messaging.inbox.InboxListener} does so from its handlers). A record whose header names a known
 * type outside that list is then not parsed at all: it becomes {@link #SKIPPED}. Every other record is read as
 * before, so a record with no header, an unknown type, or a handled type and a bad body is still poison.
 */
public class EnvelopeDeserializer implements Deserializer<EventEnvelope<SagaEvent>> {

    /** Consumer property: the event type ids the consumer handles, comma-separated; absent means every type. */
    public static final String HANDLED_TYPES = "ordersaga.handled-event-types";

    private static final UUID NIL = new UUID(0, 0);
    /**
     * What a consumer gets for a record it skipped unread: one shared instance, to be recognised by identity. Its
     * data is no registered event, so no {@link io.ordersaga.messaging.inbox.EventHandlers} handles it either.
     */
    public static final EventEnvelope<SagaEvent> SKIPPED = new EventEnvelope<>(NIL, "skipped", 0, Instant.EPOCH,
            "skipped", () -> NIL, new EventMetadata("", ""));

    private final EnvelopeCodec codec;
    /** Known types this consumer does not handle; empty when it handles every type. */
    private Set<String> skipped = Set.of();

    public EnvelopeDeserializer(EnvelopeCodec codec) {
        this.codec = codec;
    }

    /** Called with each consumer's own configuration (a consumer factory builds one deserializer per consumer). */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object handled = configs.get(HANDLED_TYPES);
        if (handled == null) {
            skipped = Set.of();
            return;
        }
        Collection<String> ids = handled instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                : Arrays.stream(handled.toString().split(",")).map(String::trim).toList();
        skipped = Arrays.stream(EventType.values()).map(EventType::id).filter(id -> !ids.contains(id))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public EventEnvelope<SagaEvent> deserialize(String topic, byte[] data) {
        return codec.read(data, null);
    }

    @Override
    public EventEnvelope<SagaEvent> deserialize(String topic, Headers headers, byte[] data) {
        String type = EventHeaders.text(headers, EventHeaders.EVENT_TYPE);
        return type != null && skipped.contains(type) ? SKIPPED : codec.read(data, type);
    }
}
