package io.ordersaga.analytics.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One event in an order's timeline.
 *
 * @param at      when the producing service recorded the event (the envelope's timestamp)
 * @param summary what happened, for people, for example {@code charged 49.90 EUR}
 */
public record TimelineEntry(UUID eventId, String eventType, String source, Instant at, String summary) {
}
