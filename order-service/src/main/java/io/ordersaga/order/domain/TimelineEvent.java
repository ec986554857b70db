package io.ordersaga.order.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event of an order's saga as the timeline read model keeps it: who published what, when, and which event
 * (or request) caused it. Written by {@link TimelineEventRepository#record} only.
 */
@Entity
@Table(name = "timeline_event")
public class TimelineEvent {

    @Id
    private UUID eventId;
    private UUID orderId;
    private String eventType;
    private String source;
    private String causationId;
    private String correlationId;
    private Instant occurredAt;

    protected TimelineEvent() {
    }

    public TimelineEvent(UUID eventId, UUID orderId, String eventType, String source, String causationId,
                         String correlationId, Instant occurredAt) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.source = Objects.requireNonNull(source, "source");
        this.causationId = Objects.requireNonNull(causationId, "causationId");
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID orderId() {
        return orderId;
    }

    public String eventType() {
        return eventType;
    }

    public String source() {
        return source;
    }

    /** The event id (or, for the first event of a saga, the request id) this event was caused by. */
    public String causationId() {
        return causationId;
    }

    public String correlationId() {
        return correlationId;
    }

    /** When the publishing service recorded the event (the envelope's timestamp). */
    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return eventType + "[" + eventId + " ← " + causationId + "]";
    }
}
