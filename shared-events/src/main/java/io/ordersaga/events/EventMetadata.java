package io.ordersaga.events;

import java.util.Objects;

/**
 * Links events into a saga.
 *
 * @param correlationId the same for every event of one saga (one order)
 * @param causationId   the {@code eventId} of the event that caused this one, or the HTTP request id for the first
 */
public record EventMetadata(String correlationId, String causationId) {

    public EventMetadata {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }
}
