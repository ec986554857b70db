package io.ordersaga.messaging.outbox;

import java.util.UUID;

/**
 * One event on its way out: what a row of {@code messaging.outbox} or a logical decoding message carries.
 *
 * @param payload the envelope as UTF-8 JSON, the record's value
 * @param traceParent the W3C {@code traceparent} of the span that published it, or {@code null}
 */
public record OutboxEvent(UUID eventId, String topic, String key, String eventType, int eventVersion, byte[] payload,
                          String traceParent) {
}
