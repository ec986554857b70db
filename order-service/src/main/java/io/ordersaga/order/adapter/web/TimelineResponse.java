package io.ordersaga.order.adapter.web;

import io.ordersaga.order.domain.TimelineEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /orders/{orderId}/timeline}: every event of the order on the four saga topics, each after the event
 * that caused it ({@code causationId}), otherwise by time. The first event's cause is the request that placed the
 * order; a customer's or the deadline's cancellation starts a branch of its own.
 */
record TimelineResponse(UUID orderId, List<Entry> events) {

    record Entry(UUID eventId, String causationId, String correlationId, String eventType, String source,
                 Instant timestamp) {
    }

    static TimelineResponse of(UUID orderId, List<TimelineEvent> events) {
        return new TimelineResponse(orderId, events.stream().map(event -> new Entry(event.eventId(),
                event.causationId(), event.correlationId(), event.eventType(), event.source(), event.occurredAt()))
                .toList());
    }
}
