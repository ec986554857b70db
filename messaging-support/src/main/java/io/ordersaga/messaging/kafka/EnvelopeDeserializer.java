package io.ordersaga.messaging.kafka;

import io.ordersaga.events.EventEnvelope;
import io.ordersaga.events.SagaEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Record value → envelope, typed by the {@code eventType} header. Wrapped in spring-kafka's
 * {@code ErrorHandlingDeserializer}, so a failure here sends the record to the dead-letter topic instead of
 * stopping the partition.
 */
public class EnvelopeDeserializer implements Deserializer<EventEnvelope<SagaEvent>> {

    private final EnvelopeCodec codec;

    public EnvelopeDeserializer(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public EventEnvelope<SagaEvent> deserialize(String topic, byte[] data) {
        return codec.read(data, null);
    }

    @Override
    public EventEnvelope<SagaEvent> deserialize(String topic, Headers headers, byte[] data) {
        return codec.read(data, EventHeaders.text(headers, EventHeaders.EVENT_TYPE));
    }
}
