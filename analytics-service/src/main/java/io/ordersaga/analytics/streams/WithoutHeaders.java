package io.ordersaga.analytics.streams;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops the headers a result inherited from the input record that last updated it. An alert derived from an
 * OrderPlaced must not travel with that event's {@code eventType} and {@code eventId} headers.
 */
final class WithoutHeaders<K, V> implements FixedKeyProcessor<K, V, V> {

    private FixedKeyProcessorContext<K, V> context;

    @Override
    public void init(FixedKeyProcessorContext<K, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        context.forward(record.withHeaders(new RecordHeaders()));
    }
}
