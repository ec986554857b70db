package io.ordersaga.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every record value on a saga topic looks like (DESIGN section 3).
 *
 * <p>{@code eventType} is a logical id from {@link EventType}, never a Java class name. The same id travels
 * in the record's {@code eventType} header so a consumer can pick the data type before parsing.
 *
 * @param eventId      unique id of this event; consumers deduplicate on it
 * @param eventType    logical type id, for example {@code OrderPlaced}
 * @param eventVersion schema version of {@code data}
 * @param timestamp    when the producing service recorded the event
 * @param source       the producing service, for example {@code order-service}
 * @param data         the event itself
 * @param metadata     correlation and causation ids
 */
public record EventEnvelope<T>(
        UUID eventId,
        String eventType,
        int eventVersion,
        Instant timestamp,
        String source,
        T data,
        EventMetadata metadata) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metadata, "metadata");
    }
}
