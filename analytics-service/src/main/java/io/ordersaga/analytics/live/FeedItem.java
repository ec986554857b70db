package io.ordersaga.analytics.live;

import io.ordersaga.analytics.domain.EventFacts;
import io.ordersaga.analytics.domain.EventSummary;
import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One saga event as the recent-events feed shows it.
 *
 * @param customerId {@code null} for events that name no customer
 */
public record FeedItem(UUID eventId, UUID orderId, String eventType, String source, String customerId, Instant at,
                       String summary) {

    static FeedItem of(EventEnvelope<? extends SagaEvent> event) {
        return new FeedItem(event.eventId(), event.data().orderId(), event.eventType(), event.source(),
                EventFacts.customerOf(event.data()).orElse(null), event.timestamp(),
                EventSummary.describe(event.data()));
    }
}
