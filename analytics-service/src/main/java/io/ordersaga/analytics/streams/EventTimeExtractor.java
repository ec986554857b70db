package io.ordersaga.analytics.streams;

import io.ordersaga.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is when the producing service recorded the event (the envelope's {@code timestamp}), not when its
 * outbox relay happened to send it: a relay that was down for a minute must not move orders into later windows.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof EventEnvelope<?> envelope) {
            return envelope.timestamp().toEpochMilli();
        }
        return record.timestamp();
    }
}
